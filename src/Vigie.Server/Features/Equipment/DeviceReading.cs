using Vigie.Domain;
using Vigie.Domain.Equipment;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// What one health check says about one device now: what is wrong (<see cref="Findings"/>, none when all is well),
/// a one-line summary when nothing is, and the figures the charts plot (fps and bitrate for cameras, free space for
/// storage, CPU and memory for the host).
/// </summary>
public sealed record DeviceReading(string Key, EquipmentKind Kind, string Name, SiteId? SiteId, IReadOnlyList<EquipmentFinding> Findings, string Summary)
{
    /// <summary>The summary in English (the French one when not given).</summary>
    public string? SummaryEnglish { get; init; }

    public double? Fps { get; init; }

    public double? BitrateKbps { get; init; }

    public double? KeyframeInterval { get; init; }

    /// <summary>Other figures by name, shown on the device's card (free bytes, days of retention, CPU %…).</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    /// <summary>The worst severity among the findings; <see cref="EquipmentState.Ok"/> without any.</summary>
    public EquipmentState Worst => Findings.Count == 0 ? EquipmentState.Ok : Findings.Max(f => f.Severity);

    /// <summary>What the state says in one line: the findings (French), or the summary.</summary>
    public string Detail => Findings.Count == 0 ? Summary : string.Join(" ; ", Findings.Select(f => f.French));

    public string DetailEnglish => Findings.Count == 0 ? SummaryEnglish ?? Summary : string.Join("; ", Findings.Select(f => f.English));
}
