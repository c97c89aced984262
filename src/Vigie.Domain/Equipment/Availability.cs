namespace Vigie.Domain.Equipment;

/// <summary>
/// A device's availability over a period, from its state changes: the time spent in each state to the second, the
/// outages (fault periods) and their mean duration. Time in maintenance is taken out of the period (planned), and
/// so is the time before the first state known (the device was not supervised yet).
/// Availability = 1 − fault time ÷ (supervised time − maintenance time).
/// </summary>
public sealed record Availability(
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Supervised,
    TimeSpan Ok,
    TimeSpan Degraded,
    TimeSpan Fault,
    TimeSpan Maintenance,
    int Outages,
    TimeSpan? MeanTimeToRepair)
{
    /// <summary>From 0 to 100; null when the device was never supervised (or only in maintenance) in the period.</summary>
    public double? Percent
    {
        get
        {
            var counted = Supervised - Maintenance;
            return counted <= TimeSpan.Zero ? null : Math.Round(100.0 * (1 - (Fault.TotalSeconds / counted.TotalSeconds)), 3);
        }
    }

    /// <summary>
    /// Computes the figures over [<paramref name="from"/>, <paramref name="to"/>) from <paramref name="changes"/>:
    /// the device's changes in that period and the last one before it (its state at <paramref name="from"/>), in any
    /// order. A fault still going on at <paramref name="to"/> counts as an outage, not as a repair.
    /// </summary>
    public static Availability Of(IEnumerable<(DateTimeOffset At, EquipmentState State)> changes, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ordered = changes.OrderBy(c => c.At).ToList();
        var spent = new Dictionary<EquipmentState, TimeSpan>();
        var outages = 0;
        var repairs = new List<TimeSpan>();
        DateTimeOffset? faultSince = null;
        for (var i = 0; i < ordered.Count; i++)
        {
            var (at, state) = ordered[i];
            var start = at < from ? from : at;
            var end = i + 1 < ordered.Count ? ordered[i + 1].At : to;
            end = end > to ? to : end;
            if (state == EquipmentState.Fault && faultSince is null)
            {
                faultSince = at;
                outages += end > from || at >= from ? 1 : 0;
            }
            else if (state != EquipmentState.Fault && faultSince is { } since)
            {
                if (at >= from && at < to)
                {
                    repairs.Add(at - since);
                }

                faultSince = null;
            }

            if (end > start)
            {
                spent[state] = spent.GetValueOrDefault(state) + (end - start);
            }
        }

        var supervised = spent.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        return new Availability(from, to, supervised, spent.GetValueOrDefault(EquipmentState.Ok), spent.GetValueOrDefault(EquipmentState.Degraded),
            spent.GetValueOrDefault(EquipmentState.Fault), spent.GetValueOrDefault(EquipmentState.Maintenance), outages,
            repairs.Count == 0 ? null : TimeSpan.FromTicks((long)repairs.Average(r => r.Ticks)));
    }
}
