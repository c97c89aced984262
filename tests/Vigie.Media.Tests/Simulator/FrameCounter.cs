using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Simulator;

/// <summary>Counts the frames a session delivered, and signals the first one.</summary>
internal sealed class FrameCounter : IAccessUnitSink
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _frames;

    public long Frames => Interlocked.Read(ref _frames);

    public Task FirstFrame => _first.Task;

    public void OnAccessUnit(AccessUnit unit)
    {
        Interlocked.Increment(ref _frames);
        _first.TrySetResult();
    }
}
