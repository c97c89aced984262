namespace Vigie.Media.Ingest;

/// <summary>
/// The last few seconds of one camera (default 10 s), readable as a clip by other parts (alarm linkage,
/// analytics): <see cref="PreAlarmBuffer"/> holds them in memory, <see cref="Recording.RecordedPreAlarm"/>
/// reads them back from the segment files being recorded (decision 0011).
/// </summary>
public interface IPreAlarmClipSource
{
    /// <summary>Frames the clip would hold now.</summary>
    int Count { get; }

    /// <summary>
    /// The last frames, oldest first, starting at a keyframe and covering at least the window when that
    /// much has been received. Each returned unit is retained for the caller, who must release every one.
    /// </summary>
    IReadOnlyList<AccessUnit> TakeClip();
}
