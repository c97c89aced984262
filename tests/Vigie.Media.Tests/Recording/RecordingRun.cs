using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Recording;

/// <summary>Records a stream through Vigie's whole ingest (RTSP client → depacketiser → fMP4 segments) for a while.</summary>
internal static class RecordingRun
{
    /// <param name="Presentation">Each delivered frame's presentation time (the RTP timestamp, i.e. the encoder's), in arrival order.</param>
    /// <param name="CameraClock">Capture time and index of each delivered frame the camera's RTCP sender reports date (RFC 3550 §6.4.1): every frame after the first report.</param>
    public sealed record Result(IReadOnlyList<CompletedSegment> Segments, long FramesDelivered, long LostPackets, long DroppedFrames, string Folder, Vigie.Media.Rtp.DepacketizerStatistics? Statistics,
        IReadOnlyList<long> Presentation, IReadOnlyList<(int Index, DateTimeOffset At)> CameraClock);

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
        return new Result(index.Segments, counter.Frames, ingest.Statistics?.LostPackets ?? -1, ingest.Statistics?.DroppedFrames ?? -1, folder, ingest.Statistics,
            counter.Presentation, counter.CameraClock);
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

        public List<long> Presentation { get; } = [];

        public List<(int Index, DateTimeOffset At)> CameraClock { get; } = [];

        public void OnAccessUnit(AccessUnit unit)
        {
            _keyframeSeen |= unit.IsKeyframe;
            if (_keyframeSeen)
            {
                Frames++;
                Presentation.Add(unit.Timestamp);
                if (unit.WallClock is { } captured)
                {
                    CameraClock.Add(((int)Frames - 1, captured));
                }
            }

            next.OnAccessUnit(unit);
        }
    }
}
