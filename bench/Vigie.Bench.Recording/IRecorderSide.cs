namespace Vigie.Bench.Recording;

/// <summary>One way of recording N simulated cameras: Vigie's host, or one ffmpeg process per camera.</summary>
public interface IRecorderSide : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The processes whose CPU and memory are measured.</summary>
    IReadOnlyList<int> ProcessIds { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>After the simulator ended every session: waits until the recordings are complete, then stops.</summary>
    Task FinishAsync(CancellationToken cancellationToken);

    /// <summary>Frames found in the finished recordings, per camera (1…N).</summary>
    Task<IReadOnlyList<CameraFrames>> CountFramesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes what the phase wrote.</summary>
    void Clean();
}
