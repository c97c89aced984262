using Vigie.Media.Recording;

namespace Vigie.Bench.Playback;

/// <summary>The archive builder's segment index: keeps what SegmentWriter completes, for one bulk insert at the end.</summary>
public sealed class SegmentCollector : ISegmentIndex
{
    public List<CompletedSegment> Segments { get; } = [];

    public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
}
