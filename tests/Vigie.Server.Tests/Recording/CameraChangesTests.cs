using Vigie.Server.Recording;

namespace Vigie.Server.Tests.Recording;

/// <summary>The recording service's wake-up on camera edits: a change while it loads the cameras is not lost.</summary>
public sealed class CameraChangesTests
{
    [Fact]
    public void A_change_after_the_number_was_noted_wakes_the_next_wait_at_once_and_none_keeps_it_waiting()
    {
        var changes = new CameraChanges();
        var seen = changes.Version;
        Assert.False(changes.ChangedSince(seen).IsCompleted);

        // Saved while the service was loading: the wait that follows must not sleep until the next poll.
        changes.Notify();
        Assert.True(changes.ChangedSince(seen).IsCompleted);

        seen = changes.Version;
        var waiting = changes.ChangedSince(seen);
        Assert.False(waiting.IsCompleted);
        changes.Notify();
        Assert.True(waiting.IsCompleted);
    }
}
