using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Rtp;

/// <summary>
/// Turns one camera's RTP video packets into <see cref="AccessUnit"/>s. This base class owns what H.264
/// (RFC 6184) and H.265 (RFC 7798) share: packet validation, sequence and timestamp tracking, access-unit
/// boundaries, fragment reassembly, parameter-set capture, wall-clock mapping and drop accounting. The
/// codec classes only parse their payload structures.
/// <para>
/// An access unit ends on the marker bit (RFC 6184 §5.1, RFC 7798 §4.1) or, when the marker is missing,
/// when the RTP timestamp changes (all packets of one picture share a timestamp). Damaged frames are
/// dropped whole and counted; the hot path never throws on bad input and allocates nothing per packet.
/// Not thread-safe: one instance per stream, fed by one ingest loop.
/// </para>
/// </summary>
public abstract class RtpVideoDepacketizer : IDisposable
{
    private readonly byte _payloadType;
    /// <summary>Frames go out through here: it gives them their decode times (B-frames) before the consumers see them.</summary>
    private readonly DecodeTimeline _sink;
    private readonly VideoCodec _codec;
    private readonly FrameBuffer _frame;
    private readonly ParameterSetCollector _parameterSets = new();
    private readonly RtpSequenceTracker _sequence = new();
    private readonly RtpTimestampExtender _timestamps = new();
    private readonly RtpWallClock _wallClock = new(AccessUnit.ClockRate);

    private uint? _ssrc;
    private bool _frameOpen;
    private uint _frameTimestamp;
    private long _frameExtendedTimestamp;
    private bool _frameIsKeyframe;
    private DateTimeOffset _lastReceivedAt;

    /// <summary>After a drop, the rest of that frame's packets are skipped until its marker or a new timestamp.</summary>
    private bool _discarding;
    private uint _discardTimestamp;

    /// <summary>Offset of the length prefix of the NAL unit being reassembled from fragments; -1 when none.</summary>
    private int _fragmentStart = -1;

    protected RtpVideoDepacketizer(VideoCodec codec, ParameterSets initialParameters, IAccessUnitSink sink, DepacketizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(initialParameters);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PayloadType, (byte)127);
        if (initialParameters.Codec != codec)
        {
            throw new ArgumentException($"Parameter sets are {initialParameters.Codec}, the depacketiser is {codec}.", nameof(initialParameters));
        }

        _codec = codec;
        _payloadType = options.PayloadType;
        _sink = new DecodeTimeline(sink);
        _frame = new FrameBuffer(options.MaxFrameBytes);
        Parameters = initialParameters;
    }

    public DepacketizerStatistics Statistics { get; } = new();

    /// <summary>The parameter sets in force: from SDP at first, then the latest in-band ones.</summary>
    public ParameterSets Parameters { get; private set; }

    /// <summary>True once an RTCP sender report has tied RTP time to wall-clock time.</summary>
    public bool IsWallClockSynchronised => _wallClock.IsSynchronised;

    protected bool FragmentOpen => _fragmentStart >= 0;

    /// <summary>Feeds one RTP packet (one UDP datagram, or one TCP interleaved frame, RFC 2326 §10.12).</summary>
    public void PushRtp(ReadOnlySpan<byte> datagram, DateTimeOffset receivedAt)
    {
        Statistics.CountPacket();
        if (!RtpPacket.TryParse(datagram, out var packet, out _))
        {
            Statistics.CountMalformed();
            return;
        }

        if (packet.PayloadType != _payloadType)
        {
            Statistics.CountWrongPayloadType();
            return;
        }

        if (_ssrc != packet.Ssrc)
        {
            if (_ssrc is not null)
            {
                Restart();
            }

            _ssrc = packet.Ssrc;
        }

        if (!TrackSequence(packet.SequenceNumber))
        {
            return;
        }

        if (_frameOpen && packet.Timestamp != _frameTimestamp)
        {
            // The previous picture's marker packet never came; its timestamp ending closes it (RFC 6184 §5.1).
            CompleteFrame();
        }

        if (_discarding)
        {
            if (packet.Timestamp == _discardTimestamp)
            {
                _discarding = !packet.Marker;
                return;
            }

            _discarding = false;
        }

        if (!_frameOpen)
        {
            _frameOpen = true;
            _frameTimestamp = packet.Timestamp;
            _frameExtendedTimestamp = _timestamps.Extend(packet.Timestamp);
        }

        _lastReceivedAt = receivedAt;
        var reason = DepacketizePayload(packet.Payload);
        if (reason != FrameDropReason.None)
        {
            DropFrame(reason);
            _discarding = !packet.Marker;
            return;
        }

        if (packet.Marker)
        {
            CompleteFrame();
        }
    }

    /// <summary>Feeds one RTCP compound packet; a sender report from this stream's source sets the wall clock.</summary>
    public void PushRtcp(ReadOnlySpan<byte> compound)
    {
        if (RtcpReader.TryReadSenderReport(compound, out var report) && (_ssrc is null || _ssrc == report.Ssrc))
        {
            _wallClock.Update(report);
        }
    }

    /// <summary>Frames held to order B-frames' decode times (0 for a stream without B-frames).</summary>
    public int ReorderDepth => _sink.Depth;

    /// <summary>
    /// Emits the frame in progress if it is whole (end of stream without a final marker), and the frames
    /// held to give B-frames their decode times.
    /// </summary>
    public void Flush()
    {
        if (_frameOpen)
        {
            CompleteFrame();
        }

        _sink.Flush();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sink.Discard();
            _frame.Dispose();
            _parameterSets.Dispose();
        }
    }

    /// <summary>Parses one packet's payload, appending through the protected helpers.</summary>
    protected abstract FrameDropReason DepacketizePayload(ReadOnlySpan<byte> payload);

    /// <summary>What to do with a complete NAL unit (which is at least one header long).</summary>
    private protected abstract NalRole Classify(ReadOnlySpan<byte> nal);

    /// <summary>Appends one complete NAL unit (single NAL unit packet, or one aggregated in STAP-A / AP).</summary>
    protected FrameDropReason AppendNal(ReadOnlySpan<byte> nal)
    {
        if (FragmentOpen)
        {
            return FrameDropReason.FragmentWithoutEnd;
        }

        if (!_frame.TryAppendLengthPrefix(nal.Length, out var start) || !_frame.TryAppend(nal))
        {
            return FrameDropReason.FrameTooLarge;
        }

        FinishNal(start);
        return FrameDropReason.None;
    }

    /// <summary>
    /// Appends the NAL units of an aggregation packet body: repeated [16-bit size][NAL unit], the layout of
    /// STAP-A (RFC 6184 §5.7.1) and of an H.265 AP without DONL (RFC 7798 §4.4.2). A size that runs past the
    /// packet, or a unit shorter than a NAL header, makes the payload malformed.
    /// </summary>
    protected FrameDropReason AppendAggregationUnits(ReadOnlySpan<byte> body, int nalHeaderLength)
    {
        if (body.IsEmpty)
        {
            return FrameDropReason.MalformedPayload;
        }

        while (!body.IsEmpty)
        {
            if (body.Length < 2)
            {
                return FrameDropReason.MalformedPayload;
            }

            var size = (body[0] << 8) | body[1];
            if (size < nalHeaderLength || size > body.Length - 2)
            {
                return FrameDropReason.MalformedPayload;
            }

            var appended = AppendNal(body.Slice(2, size));
            if (appended != FrameDropReason.None)
            {
                return appended;
            }

            body = body[(2 + size)..];
        }

        return FrameDropReason.None;
    }

    /// <summary>Starts a fragmented NAL unit with its rebuilt header (RFC 6184 §5.8, RFC 7798 §4.4.3).</summary>
    protected FrameDropReason BeginFragment(ReadOnlySpan<byte> nalHeader, ReadOnlySpan<byte> data)
    {
        if (FragmentOpen)
        {
            return FrameDropReason.FragmentWithoutEnd;
        }

        if (!_frame.TryAppendLengthPrefix(0, out var start) || !_frame.TryAppend(nalHeader) || !_frame.TryAppend(data))
        {
            return FrameDropReason.FrameTooLarge;
        }

        _fragmentStart = start;
        return FrameDropReason.None;
    }

    /// <summary>Appends a middle or end fragment; the end one completes the NAL unit.</summary>
    protected FrameDropReason ContinueFragment(ReadOnlySpan<byte> data, bool end)
    {
        if (!FragmentOpen)
        {
            return FrameDropReason.FragmentWithoutStart;
        }

        if (!_frame.TryAppend(data))
        {
            return FrameDropReason.FrameTooLarge;
        }

        if (end)
        {
            var start = _fragmentStart;
            _fragmentStart = -1;
            _frame.PatchLengthPrefix(start);
            FinishNal(start);
        }

        return FrameDropReason.None;
    }

    /// <summary>Counts a valid packet whose payload structure this depacketiser does not handle.</summary>
    protected void Ignore() => Statistics.CountIgnored();

    private void FinishNal(int start)
    {
        var nal = _frame.Written[(start + FrameBuffer.LengthPrefixSize)..];
        switch (Classify(nal))
        {
            case NalRole.Keep:
                return;
            case NalRole.KeepKeyframe:
                _frameIsKeyframe = true;
                return;
            case NalRole.Discard:
                break;
            case var kind:
                _parameterSets.Add(kind, nal);
                break;
        }

        _frame.Truncate(start);
    }

    /// <summary>Returns false when the packet must be ignored (duplicate, late, unconfirmed jump).</summary>
    private bool TrackSequence(ushort sequence)
    {
        switch (_sequence.Track(sequence))
        {
            case SequenceVerdict.InOrder:
                return true;
            case SequenceVerdict.Gap:
                Statistics.CountLost(_sequence.LastLost);
                if (_frameOpen)
                {
                    // Whatever was lost belonged to this frame or ended it: either way it is incomplete.
                    DropFrame(FrameDropReason.PacketLoss);
                }

                return true;
            case SequenceVerdict.Restarted:
                DropOpenFrame(FrameDropReason.SourceChanged);
                _sink.Flush();
                _timestamps.Reset();
                return true;
            case SequenceVerdict.DuplicateOrLate:
                Statistics.CountDuplicateOrLate();
                return false;
            default:
                Statistics.CountIgnored();
                return false;
        }
    }

    /// <summary>New SSRC: a new source, nothing carries over but the parameter sets.</summary>
    private void Restart()
    {
        DropOpenFrame(FrameDropReason.SourceChanged);
        _sink.Flush();
        _sequence.Reset();
        _timestamps.Reset();
        _wallClock.Reset();
        _discarding = false;
    }

    private void DropOpenFrame(FrameDropReason reason)
    {
        if (_frameOpen)
        {
            DropFrame(reason);
        }
    }

    private void DropFrame(FrameDropReason reason)
    {
        Statistics.CountDrop(reason);
        _discarding = true;
        _discardTimestamp = _frameTimestamp;
        ResetFrame();
    }

    private void CompleteFrame()
    {
        if (FragmentOpen)
        {
            DropFrame(FrameDropReason.FragmentWithoutEnd);
            _discarding = false;
            return;
        }

        var parameters = _parameterSets.Apply(Parameters);
        if (!ReferenceEquals(parameters, Parameters))
        {
            Statistics.CountParameterSetChange();
            Parameters = parameters;
        }

        if (_frame.Length == 0)
        {
            // Only parameter sets or delimiters under this timestamp: nothing to record.
            ResetFrame();
            return;
        }

        var keyframe = _frameIsKeyframe;
        var timestamp = _frameExtendedTimestamp;
        var buffer = _frame.Detach(keyframe, out var length);
        ResetFrame();
        var unit = AccessUnit.FromPooled(buffer, length, _codec, timestamp, keyframe, Parameters, _wallClock.Map(timestamp), _lastReceivedAt);
        Statistics.CountFrame(keyframe);
        try
        {
            _sink.OnAccessUnit(unit);
        }
        finally
        {
            unit.Release();
        }
    }

    private void ResetFrame()
    {
        _frameOpen = false;
        _frameIsKeyframe = false;
        _fragmentStart = -1;
        _frame.Truncate(0);
        _parameterSets.Clear();
    }
}
