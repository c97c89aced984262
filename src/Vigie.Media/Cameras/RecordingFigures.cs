namespace Vigie.Media.Cameras;

/// <summary>
/// A camera's recording counters since its recorder started, as the equipment supervision reads them: frames, bytes
/// and segments written, failed writes and the last reason, and the start of the oldest segment not in the index yet
/// (the one being written, or one still being finished: far in the past, the index lags).
/// </summary>
public readonly record struct RecordingFigures(long FramesWritten, long BytesWritten, int SegmentsCompleted, int WriteErrors, string? LastWriteError, DateTimeOffset? OldestUnindexedStart);
