using Vigie.Domain.Equipment;

namespace Vigie.Server.Features.Equipment;

/// <summary>A finding as the API shows it.</summary>
public sealed record FindingView(string Code, string Severity, string Text, string TextEnglish, bool Alarms);

/// <summary>
/// A device as <c>GET /api/equipment</c> and the Équipements page show it (docs/equipment.md): the stable fields
/// <c>id, kind, name, siteId, state, since, detail</c>, then what explains them.
/// </summary>
public sealed record DeviceView(
    string Id,
    string Kind,
    string Name,
    Guid? SiteId,
    string? SiteName,
    string State,
    DateTimeOffset Since,
    string Detail,
    string DetailEnglish,
    IReadOnlyList<FindingView> Findings,
    double? Fps,
    double? BitrateKbps,
    double? KeyframeInterval,
    IReadOnlyDictionary<string, double> Figures,
    DateTimeOffset? MaintenanceUntil,
    string? MaintenanceReason,
    IReadOnlyList<RaisedFault> Alarms)
{
    /// <summary>The state as the enum (not serialised twice: <see cref="State"/> is its name).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public EquipmentState StateValue => EquipmentNames.TryParseState(State, out var s) ? s : EquipmentState.Ok;
}

/// <summary>A technical alarm raised for the device and not restored: its fault, since when, how many times it came.</summary>
public sealed record RaisedFault(string Code, DateTimeOffset RaisedAt, int Count);
