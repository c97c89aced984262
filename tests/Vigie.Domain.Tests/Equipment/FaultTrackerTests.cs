using Vigie.Domain.Equipment;

namespace Vigie.Domain.Tests.Equipment;

public sealed class FaultTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RaiseAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RestoreAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_fault_shorter_than_the_raise_delay_raises_nothing()
    {
        var tracker = new FaultTracker();
        Assert.Null(tracker.Step(true, false, T0, RaiseAfter, RestoreAfter));
        Assert.Null(tracker.Step(true, false, T0.AddSeconds(4), RaiseAfter, RestoreAfter));
        Assert.Null(tracker.Step(false, false, T0.AddSeconds(5), RaiseAfter, RestoreAfter));
        Assert.Null(tracker.Step(true, false, T0.AddSeconds(6), RaiseAfter, RestoreAfter));
        Assert.True(tracker.Step(true, false, T0.AddSeconds(11), RaiseAfter, RestoreAfter) == FaultAction.Raise, "the delay counts again from the fault's return");
    }

    [Fact]
    public void Returns_within_the_restore_delay_are_counted_and_the_restore_waits_for_a_steady_clear()
    {
        var tracker = new FaultTracker();
        Assert.Equal(FaultAction.Raise, tracker.Step(true, false, T0, TimeSpan.Zero, RestoreAfter));
        Assert.Null(tracker.Step(false, false, T0.AddSeconds(1), TimeSpan.Zero, RestoreAfter));
        Assert.Equal(FaultAction.Repeat, tracker.Step(true, false, T0.AddSeconds(20), TimeSpan.Zero, RestoreAfter));
        Assert.Equal(2, tracker.Count);
        Assert.Null(tracker.Step(true, false, T0.AddSeconds(21), TimeSpan.Zero, RestoreAfter)); // still down: no new occurrence
        Assert.Null(tracker.Step(false, false, T0.AddSeconds(22), TimeSpan.Zero, RestoreAfter));
        Assert.Null(tracker.Step(false, false, T0.AddSeconds(51), TimeSpan.Zero, RestoreAfter));
        Assert.Equal(FaultAction.Restore, tracker.Step(false, false, T0.AddSeconds(52), TimeSpan.Zero, RestoreAfter));
        Assert.True(tracker.Idle);
    }

    [Fact]
    public void A_muted_device_raises_nothing_and_its_fault_is_raised_after_the_delay_counted_from_the_mutes_end()
    {
        var tracker = new FaultTracker();
        for (var s = 0; s < 600; s += 10)
        {
            Assert.Null(tracker.Step(true, true, T0.AddSeconds(s), RaiseAfter, RestoreAfter));
        }

        Assert.Null(tracker.Step(true, false, T0.AddSeconds(600), RaiseAfter, RestoreAfter));
        Assert.Null(tracker.Step(true, false, T0.AddSeconds(604), RaiseAfter, RestoreAfter));
        Assert.Equal(FaultAction.Raise, tracker.Step(true, false, T0.AddSeconds(605), RaiseAfter, RestoreAfter));
    }

    [Fact]
    public void A_raised_fault_that_comes_back_during_a_mute_is_not_counted_but_still_restores()
    {
        var tracker = new FaultTracker(T0, 1);
        Assert.Null(tracker.Step(false, true, T0.AddSeconds(1), RaiseAfter, RestoreAfter));
        Assert.Null(tracker.Step(true, true, T0.AddSeconds(2), RaiseAfter, RestoreAfter));
        Assert.Equal(1, tracker.Count);
        Assert.Null(tracker.Step(false, true, T0.AddSeconds(3), RaiseAfter, RestoreAfter));
        Assert.Equal(FaultAction.Restore, tracker.Step(false, true, T0.AddSeconds(33), RaiseAfter, RestoreAfter));
    }
}
