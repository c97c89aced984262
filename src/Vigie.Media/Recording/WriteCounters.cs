namespace Vigie.Media.Recording;

/// <summary>
/// What a <see cref="SegmentWriter"/> wrote since the start, read from any thread by the equipment supervision:
/// bytes of fragments on disk, segments made durable and handed to the index, failed writes and the last reason.
/// </summary>
public sealed class WriteCounters
{
    private long _bytes;
    private int _segments;
    private int _errors;
    private string? _lastError;

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Segments => Volatile.Read(ref _segments);

    /// <summary>Writes that failed (each abandons its segment).</summary>
    public int Errors => Volatile.Read(ref _errors);

    public string? LastError => Volatile.Read(ref _lastError);

    internal void Wrote(long bytes) => Interlocked.Add(ref _bytes, bytes);

    internal void Completed() => Interlocked.Increment(ref _segments);

    internal void Failed(string reason)
    {
        Volatile.Write(ref _lastError, reason);
        Interlocked.Increment(ref _errors);
    }
}
