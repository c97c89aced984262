namespace Vigie.Server.Recording;

/// <summary>Tells the recording service that cameras were added or changed, so it need not wait for its next poll.</summary>
public sealed class CameraChanges
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change.</summary>
    public Task NextChange => Volatile.Read(ref _changed).Task;

    public void Notify() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
