using System.ComponentModel.DataAnnotations;

namespace Vigie.Media.Recording;

/// <summary>
/// How cameras are recorded (configuration section <c>Recording</c>, durations as <c>hh:mm:ss</c>). The host
/// binds and validates it at start; a value out of its range stops the host naming it.
/// </summary>
public sealed class RecordingOptions
{
    public const string Section = "Recording";

    /// <summary>Length of a segment file; each is cut at the next keyframe after this (one index row per file).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Recording:SegmentDuration must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan SegmentDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Silence after which a camera is offline and "perte vidéo" is written to the main courante.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00", ErrorMessage = "Recording:VideoLossDelay must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan VideoLossDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the camera list is read again (an edit through Vigie is picked up at once anyway).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Recording:CameraPoll must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan CameraPoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shared receive tick at which a camera nobody watches is read over RTSP/TCP (decision 0021); zero reads
    /// every camera as its bytes arrive (more wake-ups, the lowest delay).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "Recording:ReceiveTick must be between {1} and {2} (hh:mm:ss.fff).")]
    public TimeSpan ReceiveTick { get; set; } = TimeSpan.FromMilliseconds(100);
}
