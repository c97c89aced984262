namespace Vigie.Server.Alarms;

/// <summary>A new transmitter account from the console or the API.</summary>
/// <param name="Account">3 to 16 hex digits, as the panel sends it.</param>
/// <param name="AesKey">32, 48 or 64 hex digits (AES-128/192/256), or null/empty for a panel that sends in clear.</param>
/// <param name="SupervisionInterval">How often the panel must report; null for no link supervision.</param>
public sealed record TransmitterAccountInput(string Account, Guid SiteId, TimeSpan? SupervisionInterval, string? AesKey);
