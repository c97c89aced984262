using Vigie.Media.Codecs;

namespace Vigie.Media.Ingest;

/// <summary>
/// One coded video frame (all NAL units of one picture) as it leaves the depacketiser, shared by every
/// consumer (recorder, live fan-out, pre-alarm buffer, analytics) without copying.
/// <para>
/// <see cref="Data"/> holds the frame's NAL units in length-prefixed form (4-byte big-endian length, then
/// the NAL unit; ISO/IEC 14496-15 §5.3.3 with lengthSizeMinusOne = 3), which is exactly the fMP4 sample
/// format. Parameter-set NAL units (VPS/SPS/PPS) and access-unit delimiters are not in <see cref="Data"/>:
/// they travel in <see cref="Parameters"/>.
/// </para>
/// <para>
/// Lifetime: the buffer is pooled and reference-counted. The producer creates the unit with one
/// reference and releases it after handing it to the consumers; a consumer that keeps the unit beyond
/// its callback (a queue, a ring buffer) calls <see cref="Retain"/> first and <see cref="Release"/> when done.
/// </para>
/// </summary>
public sealed class AccessUnit
{
    private byte[]? _buffer;
    private readonly int _length;
    private int _references = 1;

    private AccessUnit(byte[] buffer, int length, VideoCodec codec, long timestamp, bool isKeyframe, ParameterSets parameters, DateTimeOffset? wallClock, DateTimeOffset receivedAt)
    {
        _buffer = buffer;
        _length = length;
        Codec = codec;
        Timestamp = timestamp;
        DecodeTimestamp = timestamp;
        IsKeyframe = isKeyframe;
        Parameters = parameters;
        WallClock = wallClock;
        ReceivedAt = receivedAt;
    }

    /// <summary>RTP clock rate of video (RFC 6184 §8.2.1, RFC 7798 §7.1): 90 kHz.</summary>
    public const int ClockRate = 90_000;

    public VideoCodec Codec { get; }

    /// <summary>Presentation time in 90 kHz units, extended to 64 bits (no wrap), from the RTP timestamp.</summary>
    public long Timestamp { get; }

    /// <summary>
    /// Decode time in 90 kHz units on the same axis as <see cref="Timestamp"/>: never decreasing from one
    /// frame to the next. Equal to <see cref="Timestamp"/> for streams without B-frames; for a stream that
    /// reorders, assigned by <see cref="DecodeTimeline"/> from the order frames arrive (RTP carries only
    /// presentation times, RFC 6184 §5.1). <see cref="CompositionOffset"/> is the difference.
    /// </summary>
    public long DecodeTimestamp { get; private set; }

    /// <summary>Presentation minus decode time, 90 kHz: the signed composition offset of ISO/IEC 14496-12 §8.8.8 (trun version 1).</summary>
    public long CompositionOffset => Timestamp - DecodeTimestamp;

    /// <summary>An IDR (H.264) or IRAP (H.265) picture: decoding can start here.</summary>
    public bool IsKeyframe { get; }

    /// <summary>The parameter sets in force for this frame.</summary>
    public ParameterSets Parameters { get; }

    /// <summary>Capture time from RTCP sender reports (RFC 3550 §6.4.1) when known; else null.</summary>
    public DateTimeOffset? WallClock { get; }

    /// <summary>When the last packet of the frame arrived (receiver clock).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Length-prefixed NAL units of the frame. Valid until the last <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> Data => new(_buffer ?? throw new ObjectDisposedException(nameof(AccessUnit)), 0, _length);

    /// <summary>Sets the decode time once, before the unit is handed to any consumer (the ingest's <see cref="DecodeTimeline"/>, a file reader).</summary>
    public AccessUnit WithDecodeTimestamp(long decodeTimestamp)
    {
        DecodeTimestamp = decodeTimestamp;
        return this;
    }

    /// <summary>Creates a unit over a buffer rented from <see cref="FrameBufferPool.Instance"/>; the unit returns it there.</summary>
    public static AccessUnit FromPooled(byte[] pooledBuffer, int length, VideoCodec codec, long timestamp, bool isKeyframe, ParameterSets parameters, DateTimeOffset? wallClock, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pooledBuffer);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, pooledBuffer.Length);
        return new AccessUnit(pooledBuffer, length, codec, timestamp, isKeyframe, parameters, wallClock, receivedAt);
    }

    /// <summary>Copies length-prefixed NAL data into a pooled buffer (tests, files, simulators).</summary>
    public static AccessUnit Copy(ReadOnlySpan<byte> lengthPrefixedNalUnits, VideoCodec codec, long timestamp, bool isKeyframe, ParameterSets parameters, DateTimeOffset? wallClock, DateTimeOffset receivedAt)
    {
        var buffer = FrameBufferPool.Instance.Rent(Math.Max(1, lengthPrefixedNalUnits.Length));
        lengthPrefixedNalUnits.CopyTo(buffer);
        return FromPooled(buffer, lengthPrefixedNalUnits.Length, codec, timestamp, isKeyframe, parameters, wallClock, receivedAt);
    }

    /// <summary>Takes one more reference; pair with <see cref="Release"/>.</summary>
    public AccessUnit Retain()
    {
        if (Interlocked.Increment(ref _references) <= 1)
        {
            throw new ObjectDisposedException(nameof(AccessUnit), "Retain after the last release.");
        }

        return this;
    }

    /// <summary>Drops one reference; the last one returns the buffer to the pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                FrameBufferPool.Instance.Return(buffer);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("AccessUnit released more times than retained.");
        }
    }
}
