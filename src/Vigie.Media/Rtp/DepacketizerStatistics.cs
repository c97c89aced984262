namespace Vigie.Media.Rtp;

/// <summary>
/// Counters of one camera's depacketiser for supervision metrics. One writer (the ingest thread); any
/// thread may read. Counters are 64-bit and updated with <see cref="Interlocked"/> so readers never see
/// torn values; a set of reads is not a consistent snapshot, which is fine for metrics.
/// </summary>
public sealed class DepacketizerStatistics
{
    private static readonly int ReasonCount = Enum.GetValues<FrameDropReason>().Length;

    private readonly long[] _droppedByReason = new long[ReasonCount];
    private long _packets;
    private long _malformedPackets;
    private long _wrongPayloadTypePackets;
    private long _duplicateOrLatePackets;
    private long _ignoredPackets;
    private long _lostPackets;
    private long _frames;
    private long _keyframes;
    private long _droppedFrames;
    private long _parameterSetChanges;
    private int _lastDropReason;

    /// <summary>RTP packets received, whatever became of them.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>Packets that are not valid RTP (RFC 3550 §5.1); see <see cref="RtpParseError"/>.</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformedPackets);

    /// <summary>Packets whose payload type is not the negotiated one (another stream on the same channel).</summary>
    public long WrongPayloadTypePackets => Interlocked.Read(ref _wrongPayloadTypePackets);

    public long DuplicateOrLatePackets => Interlocked.Read(ref _duplicateOrLatePackets);

    /// <summary>Valid packets set aside: unsupported payload structures (STAP-B, MTAP, PACI) or a sequence jump on probation.</summary>
    public long IgnoredPackets => Interlocked.Read(ref _ignoredPackets);

    /// <summary>Packets never received, from sequence gaps.</summary>
    public long LostPackets => Interlocked.Read(ref _lostPackets);

    /// <summary>Access units emitted.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    public long Keyframes => Interlocked.Read(ref _keyframes);

    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    /// <summary>How many times in-band parameter sets differed from those in force (resolution/codec changes).</summary>
    public long ParameterSetChanges => Interlocked.Read(ref _parameterSetChanges);

    public FrameDropReason LastDropReason => (FrameDropReason)Volatile.Read(ref _lastDropReason);

    public long DroppedFor(FrameDropReason reason) => Interlocked.Read(ref _droppedByReason[(int)reason]);

    internal void CountPacket() => Interlocked.Increment(ref _packets);

    internal void CountMalformed() => Interlocked.Increment(ref _malformedPackets);

    internal void CountWrongPayloadType() => Interlocked.Increment(ref _wrongPayloadTypePackets);

    internal void CountDuplicateOrLate() => Interlocked.Increment(ref _duplicateOrLatePackets);

    internal void CountIgnored() => Interlocked.Increment(ref _ignoredPackets);

    internal void CountLost(int packets) => Interlocked.Add(ref _lostPackets, packets);

    internal void CountParameterSetChange() => Interlocked.Increment(ref _parameterSetChanges);

    internal void CountFrame(bool keyframe)
    {
        Interlocked.Increment(ref _frames);
        if (keyframe)
        {
            Interlocked.Increment(ref _keyframes);
        }
    }

    internal void CountDrop(FrameDropReason reason)
    {
        Interlocked.Increment(ref _droppedFrames);
        Interlocked.Increment(ref _droppedByReason[(int)reason]);
        Volatile.Write(ref _lastDropReason, (int)reason);
    }
}
