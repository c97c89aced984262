namespace Vigie.Server.Recording;

/// <summary>
/// Tells the recording service that cameras were added or changed, so it need not wait for its next poll. Changes
/// are numbered: the service notes the number before it loads the cameras and waits for a later one, so that a
/// camera saved while it was loading is never missed (a lost wake-up left it unrecorded until the next poll).
/// </summary>
public sealed class CameraChanges
{
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many changes so far.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes when there has been a change after <paramref name="seen"/> (at once when there already has).</summary>
    public Task ChangedSince(long seen)
    {
        // The signal first, then the number: a change between the two is seen in the number; one after, completes the signal.
        var changed = Volatile.Read(ref _changed).Task;
        return Version != seen ? Task.CompletedTask : changed;
    }

    public void Notify()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
