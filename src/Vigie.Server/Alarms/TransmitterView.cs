namespace Vigie.Server.Alarms;

/// <summary>A transmitter account and its link state; the key itself is never shown, only whether there is one.</summary>
public sealed record TransmitterView(string Account, Guid SiteId, string SiteName, bool Encrypted, double? SupervisionSeconds, DateTimeOffset? LastSeenAt, string State);
