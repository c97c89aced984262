using Vigie.Domain;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Intake;

/// <summary>
/// What the JSON intake needs to know of a webhook or MQTT source: its signals' source name
/// ("webhook:NAME", "mqtt:NAME"), its default site and every site a message may name (by name or id,
/// case ignored).
/// </summary>
public sealed record IntakeSourceInfo(string Source, SiteId DefaultSite, IReadOnlyDictionary<string, SiteId> Sites)
{
    /// <summary>The site a message goes to: its own when it names one this source may post for, else the default; null when it names another.</summary>
    public SiteId? SiteFor(string? named) => named is null ? DefaultSite : Sites.TryGetValue(named, out var site) ? site : null;
}
