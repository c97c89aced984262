namespace Vigie.Server.Alarms;

/// <summary>What an administrator may change on a declared account besides its key: its site and its supervision.</summary>
public sealed record TransmitterAccountChange(Guid SiteId, TimeSpan? SupervisionInterval);
