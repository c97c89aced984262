using System.ComponentModel.DataAnnotations;

namespace Vigie.Server.Features.Equipment;

/// <summary>Equipment supervision (configuration section <c>Equipment</c>, docs/equipment.md). Bound and validated at start.</summary>
public sealed class EquipmentOptions : IValidatableObject
{
    public const string Section = "Equipment";

    /// <summary>How often every device is evaluated (a pass over 1,000 devices takes about 1.5 ms of CPU: docs/benchmarks.md).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Equipment:Interval must be between {1} and {2}.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a fault must last before its technical alarm is raised (a camera's video loss already waits Recording:VideoLossDelay).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Equipment:RaiseAfter must be between {1} and {2}.")]
    public TimeSpan RaiseAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a raised fault must stay clear before its alarm is restored; a return within it is counted on the same alarm.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Equipment:RestoreAfter must be between {1} and {2}.")]
    public TimeSpan RestoreAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the list of devices (cameras, transmitters, declared devices, maintenance) is read again from the database.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Equipment:InventoryRefresh must be between {1} and {2}.")]
    public TimeSpan InventoryRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the storage is measured (free space, size of the recordings).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Equipment:StorageInterval must be between {1} and {2}.")]
    public TimeSpan StorageInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The storage is in fault when, at the current bitrate, the free space above the purge mark (Retention:MinimumFreeBytes)
    /// lasts less than this: the oldest recordings would be purged early after it. Raised before any recording is lost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Equipment:StorageWarnAhead must be between {1} and {2}.")]
    public TimeSpan StorageWarnAhead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Priorities of technical alarms by fault code or its start (<c>storage</c>, <c>recorder.write</c>), the longest match
    /// winning; a fault none matches takes the priority of the category <c>technical_fault</c> (4 unless
    /// <c>Alarms:Priorities</c> says otherwise). By default what loses recordings now comes before a camera offline.
    /// </summary>
    public Dictionary<string, int> Priorities { get; set; } = new(StringComparer.Ordinal)
    {
        ["storage.low"] = 3,
        ["recorder.write"] = 3,
        ["recorder.stalled"] = 3,
        ["host.loop"] = 3,
    };

    /// <summary>The priority of a fault: the longest key of <see cref="Priorities"/> it starts with, else <paramref name="fallback"/>.</summary>
    public int PriorityOf(string code, int fallback) =>
        Priorities.Where(p => code.StartsWith(p.Key, StringComparison.Ordinal)).OrderByDescending(p => p.Key.Length).Select(p => (int?)p.Value).FirstOrDefault() is { } priority
            ? priority
            : fallback;

    /// <summary>The host is degraded above this CPU use (percent of all cores, over the last minute).</summary>
    [Range(1, 100, ErrorMessage = "Equipment:HostCpuPercent must be between 1 and 100.")]
    public int HostCpuPercent { get; set; } = 90;

    /// <summary>The host is degraded above this share of its memory in use (percent).</summary>
    [Range(1, 100, ErrorMessage = "Equipment:HostMemoryPercent must be between 1 and 100.")]
    public int HostMemoryPercent { get; set; } = 90;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, priority) in Priorities)
        {
            if (priority is < Domain.Alarms.AlarmPriorities.Highest or > Domain.Alarms.AlarmPriorities.Lowest)
            {
                yield return new ValidationResult($"Equipment:Priorities:{code} must be between 1 and 9, not {priority}.", [nameof(Priorities)]);
            }
        }
    }
}
