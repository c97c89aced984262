namespace Vigie.Server.Alarms;

/// <summary>Sets or replaces an account's AES key (32, 48 or 64 hex digits); null or empty removes it (the panel then sends in clear).</summary>
public sealed record TransmitterKeyInput(string? AesKey);
