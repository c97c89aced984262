using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Recording;

/// <summary>Records a stream through Vigie's whole ingest (RTSP client → depacketiser → fMP4 segments) for a while.</summary>
internal static class RecordingRun
{
    public sealed record Result(IReadOnlyList<CompletedSegment> Segments, long FramesDelivered, long LostPackets, long DroppedFrames, string Folder, Vigie.Media.Rtp.DepacketizerStatistics? Statistics);

    public static async Task<Result> RecordAsync(Uri uri, RtspTransportMode transport, TimeSpan length, TimeSpan segment, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-recording-tests", Guid.NewGuid().ToString("N"));
        var index = new Collected();
        using var writer = new SegmentWriter(folder, "cam", index, NullLogger.Instance, segment);
        var counter = new Counting(writer);
        using var ingest = new CameraIngest(counter, TimeProvider.System);
        var session = new RtspSession(new RtspClientOptions { Uri = uri, Transport = transport }, ingest);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(length);
        try
        {
            await session.StartAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Time is up.
        }

        ingest.Flush();
        writer.Flush();
        return new Result(index.Segments, counter.Frames, ingest.Statistics?.LostPackets ?? -1, ingest.Statistics?.DroppedFrames ?? -1, folder, ingest.Statistics);
    }

    private sealed class Collected : ISegmentIndex
    {
        public List<CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
    }

    private sealed class Counting(IAccessUnitSink next) : IAccessUnitSink
    {
        private bool _keyframeSeen;

        /// <summary>Frames from the first keyframe on: what a recorder can decode.</summary>
        public long Frames { get; private set; }

        public void OnAccessUnit(AccessUnit unit)
        {
            _keyframeSeen |= unit.IsKeyframe;
            Frames += _keyframeSeen ? 1 : 0;
            next.OnAccessUnit(unit);
        }
    }
}
