using Microsoft.Extensions.Logging;
using Vigie.Media.Recording;

namespace Vigie.Media.Cameras;

/// <summary>What every camera recorder of an engine shares: where and how it records, and the ports it writes through.</summary>
/// <param name="RecordingsFolder">Root of the segment files (one folder per camera, <see cref="CameraRecorder.FolderOf"/>).</param>
/// <param name="Index">Complete segments and recording gaps (the host's recording index).</param>
/// <param name="Events">Technical events (the host's main courante).</param>
/// <param name="Loggers">Where the recorders' RTSP sessions log (category <c>Vigie.Media.Rtsp.RtspSession</c>); none when null.</param>
/// <param name="Closer">Where complete segments are finished (fsync, rename, index) off the cameras' threads; on them when null.</param>
public sealed record RecordingContext(string RecordingsFolder, RecordingOptions Options, ISegmentIndex Index, ICameraEvents Events, TimeProvider Time, ILoggerFactory? Loggers = null,
    SegmentCloser? Closer = null)
{
    /// <summary>Cameras handshaking at once (<see cref="Rtsp.RtspClientOptions.StartGate"/>): a large wall starts a few dozen at a time.</summary>
    public const int ConcurrentStarts = 32;

    public SemaphoreSlim StartGate { get; } = new(ConcurrentStarts);
}
