using Vigie.Domain.Equipment;

namespace Vigie.Domain.Tests.Equipment;

public sealed class AvailabilityTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(30);

    [Fact]
    public void An_outage_is_counted_to_the_millisecond_and_planned_maintenance_is_taken_out()
    {
        var changes = new List<(DateTimeOffset, EquipmentState)>
        {
            (From.AddDays(-3), EquipmentState.Ok), // before the period: its state at the start
            (From.AddHours(10), EquipmentState.Fault),
            (From.AddHours(10).AddSeconds(3723.5), EquipmentState.Ok),
            (From.AddDays(2), EquipmentState.Maintenance),
            (From.AddDays(2).AddHours(4), EquipmentState.Degraded),
            (From.AddDays(2).AddHours(5), EquipmentState.Ok),
        };

        var a = Availability.Of(changes, From, To);

        Assert.Equal(TimeSpan.FromDays(30), a.Supervised);
        Assert.Equal(TimeSpan.FromSeconds(3723.5), a.Fault);
        Assert.Equal(TimeSpan.FromHours(4), a.Maintenance);
        Assert.Equal(TimeSpan.FromHours(1), a.Degraded);
        Assert.Equal(1, a.Outages);
        Assert.Equal(TimeSpan.FromSeconds(3723.5), a.MeanTimeToRepair);
        Assert.Equal(Math.Round(100 * (1 - (3723.5 / ((30 * 86400.0) - (4 * 3600)))), 3), a.Percent);
    }

    [Fact]
    public void A_fault_going_on_at_the_end_is_an_outage_not_a_repair_and_time_before_supervision_is_not_counted()
    {
        var changes = new List<(DateTimeOffset, EquipmentState)> { (From.AddDays(29), EquipmentState.Ok), (To.AddHours(-1), EquipmentState.Fault) };

        var a = Availability.Of(changes, From, To);

        Assert.Equal(TimeSpan.FromDays(1), a.Supervised);
        Assert.Equal(TimeSpan.FromHours(1), a.Fault);
        Assert.Equal(1, a.Outages);
        Assert.Null(a.MeanTimeToRepair);
        Assert.Null(Availability.Of([], From, To).Percent);
    }
}
