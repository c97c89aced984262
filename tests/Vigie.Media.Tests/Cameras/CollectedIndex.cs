using Vigie.Domain;
using Vigie.Media.Recording;

namespace Vigie.Media.Tests.Cameras;

/// <summary>The recording index port kept in memory: what the recorders completed and the gaps they reported, in order.</summary>
internal sealed class CollectedIndex : ISegmentIndex
{
    private readonly Lock _lock = new();
    private readonly List<CompletedSegment> _segments = [];
    private readonly List<(CameraId Camera, DateTimeOffset From, DateTimeOffset To, string Reason)> _gaps = [];

    public IReadOnlyList<CompletedSegment> Segments
    {
        get
        {
            lock (_lock)
            {
                return [.. _segments];
            }
        }
    }

    public IReadOnlyList<(CameraId Camera, DateTimeOffset From, DateTimeOffset To, string Reason)> Gaps
    {
        get
        {
            lock (_lock)
            {
                return [.. _gaps];
            }
        }
    }

    public IReadOnlyList<CompletedSegment> Of(CameraId camera) => [.. Segments.Where(s => s.Camera == camera.Value.ToString("N"))];

    public void OnSegmentCompleted(CompletedSegment segment)
    {
        lock (_lock)
        {
            _segments.Add(segment);
        }
    }

    public void OnGap(CameraId camera, DateTimeOffset from, DateTimeOffset to, string reason)
    {
        lock (_lock)
        {
            _gaps.Add((camera, from, to, reason));
        }
    }
}
