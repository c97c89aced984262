using Vigie.Media.Cameras;

namespace Vigie.Media.Tests.Cameras;

/// <summary>The camera-events port kept in memory (the host writes them to the main courante).</summary>
internal sealed class CollectedEvents : ICameraEvents
{
    private readonly Lock _lock = new();
    private readonly List<CameraEvent> _events = [];

    public IReadOnlyList<CameraEvent> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<string> Texts => [.. All.Select(e => e.Text)];

    public Task WriteAsync(CameraEvent cameraEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add(cameraEvent);
        }

        return Task.CompletedTask;
    }
}
