using System.Runtime.InteropServices;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Mp4;

/// <summary>
/// Groups a camera's access units into fMP4 segments and fragments for one <see cref="IMp4FragmentSink"/>.
/// <list type="bullet">
/// <item>A segment starts at a keyframe with an init segment; frames before the first keyframe, and
/// after a parameter-set change until the next keyframe, cannot be decoded and are dropped.</item>
/// <item>A parameter-set change (resolution, profile) or <see cref="RequestNewSegment"/> starts a new
/// segment at the next keyframe; the pending fragment is closed into the old segment first.</item>
/// <item>A fragment is closed when the frame that follows it arrives, so every sample's duration,
/// the last one's included, is the real timestamp step. Only <see cref="Flush"/> has to guess.</item>
/// <item>Decode times restart at 0 in each segment, so each segment file plays on its own;
/// <see cref="Mp4FragmentInfo.FirstDecodeTimestamp"/> maps them back to the stream clock. Timing follows
/// the frames' <see cref="AccessUnit.DecodeTimestamp"/>; B-frames' composition offsets go in the trun.</item>
/// </list>
/// Not thread-safe: call from the camera's ingest loop. Steady state allocates nothing: pending units
/// are retained, not copied, and fragments are written into one reused pooled buffer — or, for an
/// <see cref="IMp4SampleSink"/>, only their headers, the sink writing the frames' bytes itself.
/// </summary>
public sealed class Mp4Fragmenter : IDisposable
{
    /// <summary>Hard cap on frames per fragment whatever the timestamps say (broken clocks must not grow memory).</summary>
    private const int MaxFragmentSamples = 1024;

    private readonly IMp4FragmentSink _sink;
    private readonly bool _cutAtKeyframes;
    private readonly bool _emitEachFrame;
    private readonly long _maxFragmentTicks;
    private readonly uint _defaultDuration;
    private readonly List<AccessUnit> _pending = new(256);
    private readonly PooledBufferWriter _buffer;
    private ParameterSets? _segmentParameters;
    private bool _newSegmentRequested;
    private uint _sequenceNumber;
    private ulong _decodeTime;
    private long _segmentStart;
    private long? _previousTimestamp;
    private uint _lastDuration;
    private readonly bool _nonNegativeOffsets;
    private bool _shiftChosen;
    private bool _disposed;

    public Mp4Fragmenter(Mp4FragmenterOptions options, IMp4FragmentSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _sink = sink;
        // A sample sink only takes headers (12 bytes per frame) and init segments from this buffer.
        _buffer = new PooledBufferWriter(sink is IMp4SampleSink ? 4096 : 64 * 1024);
        _cutAtKeyframes = options.CutAtKeyframes;
        _emitEachFrame = options.EmitEachFrame;
        _maxFragmentTicks = ToTicks(options.MaxFragmentDuration);
        _defaultDuration = (uint)ToTicks(options.DefaultFrameDuration);
        _lastDuration = _defaultDuration;
        _nonNegativeOffsets = options.NonNegativeCompositionOffsets;
    }

    /// <summary>
    /// With <see cref="Mp4FragmenterOptions.NonNegativeCompositionOffsets"/>: how much later than its decode
    /// time the current segment's first picture is shown (90 kHz), chosen from its first fragment (a GOP
    /// holds the stream's whole reordering pattern); 0 without B-frames or without the option.
    /// </summary>
    public uint CompositionShift { get; private set; }

    /// <summary>Samples whose offset, even shifted, would have been negative and were shown at their decode time instead.</summary>
    public long ClampedOffsets { get; private set; }

    /// <summary>
    /// Bytes of the current segment handed to the sink so far: the end of its last complete fragment
    /// (or of its init segment). A recorder that wrote exactly these bytes can truncate the file here.
    /// </summary>
    public long SegmentLength { get; private set; }

    /// <summary>Frames dropped because no decodable segment was open (waiting for a keyframe).</summary>
    public long DroppedUnits { get; private set; }

    /// <summary>The track of the current segment; null before the first keyframe.</summary>
    public Mp4TrackInfo? Track { get; private set; }

    /// <summary>Adds a frame. The fragmenter retains the unit while it is pending; the caller keeps its own reference.</summary>
    public void Push(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var parametersChanged = _segmentParameters is null || !_segmentParameters.Equals(unit.Parameters);
        if (parametersChanged || _newSegmentRequested)
        {
            if (unit.IsKeyframe)
            {
                CloseFragment(unit.DecodeTimestamp);
                if (!StartSegment(unit.Parameters))
                {
                    DroppedUnits++;
                    return;
                }

                _segmentStart = unit.DecodeTimestamp;
                _previousTimestamp = null;
            }
            else if (parametersChanged)
            {
                // A P-frame under new (or no) parameter sets cannot be decoded from this segment's init.
                DroppedUnits++;
                return;
            }
        }
        else if (_pending.Count > 0 && ShouldCut(unit))
        {
            CloseFragment(unit.DecodeTimestamp);
        }

        _pending.Add(unit.Retain());
        if (_emitEachFrame)
        {
            EmitNow(unit.DecodeTimestamp);
        }
    }

    /// <summary>Starts a new segment at the next keyframe (file rotation). Exact durations are kept.</summary>
    public void RequestNewSegment() => _newSegmentRequested = true;

    /// <summary>
    /// Writes the pending frames as a fragment now (end of stream, shutdown). The last frame's duration
    /// is a guess: the previous step, or <see cref="Mp4FragmenterOptions.DefaultFrameDuration"/>.
    /// </summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pending.Count > 0)
        {
            WriteFragment(_lastDuration);
        }
    }

    /// <summary>Releases pending frames without writing them (use <see cref="Flush"/> first to keep them).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleasePending();
        _buffer.Dispose();
    }

    /// <summary>Live mode: the frame just added goes out alone, timed from its own decode timestamp.</summary>
    private void EmitNow(long timestamp)
    {
        // The step since the previous frame is the best guess of this frame's duration, unless frames were
        // lost in between: a step over twice the last guess is a gap, not a frame rate.
        var step = _previousTimestamp is { } previous ? Mp4FragmentWriter.StepOrFallback(previous, timestamp, _lastDuration) : _lastDuration;
        var guess = step <= 2L * _lastDuration ? step : _lastDuration;
        _previousTimestamp = timestamp;
        var sinceStart = timestamp - _segmentStart;
        if (sinceStart >= 0 && (ulong)sinceStart >= _decodeTime)
        {
            _decodeTime = (ulong)sinceStart;
        }

        WriteFragment(guess);
    }

    private bool ShouldCut(AccessUnit next) =>
        (_cutAtKeyframes && next.IsKeyframe)
        || next.DecodeTimestamp - _pending[0].DecodeTimestamp >= _maxFragmentTicks
        || _pending.Count >= MaxFragmentSamples;

    private void CloseFragment(long nextDecodeTimestamp)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var lastDuration = Mp4FragmentWriter.StepOrFallback(_pending[^1].DecodeTimestamp, nextDecodeTimestamp, PreviousStep());
        WriteFragment(lastDuration);
    }

    /// <summary>The step before the last pending frame, else the last known duration.</summary>
    private uint PreviousStep() =>
        _pending.Count >= 2
            ? Mp4FragmentWriter.StepOrFallback(_pending[^2].DecodeTimestamp, _pending[^1].DecodeTimestamp, _lastDuration)
            : _lastDuration;

    private void WriteFragment(uint lastDuration)
    {
        var samples = CollectionsMarshal.AsSpan(_pending);
        _buffer.Clear();
        _sequenceNumber++;
        var gather = _sink as IMp4SampleSink;
        if (_nonNegativeOffsets)
        {
            ChooseShift(samples);
        }

        var size = gather is null
            ? Mp4FragmentWriter.Write(_buffer, _sequenceNumber, _decodeTime, samples, lastDuration, out var duration, CompositionShift)
            : Mp4FragmentWriter.WriteHeader(_buffer, _sequenceNumber, _decodeTime, samples, lastDuration, out duration, CompositionShift);
        var info = new Mp4FragmentInfo(
            _sequenceNumber,
            _decodeTime,
            duration,
            samples[0].DecodeTimestamp,
            samples.Length,
            samples[0].IsKeyframe,
            SegmentLength,
            SegmentLength + size);
        _lastDuration = lastDuration;
        _decodeTime += duration;
        try
        {
            if (gather is null)
            {
                ReleasePending();
                _sink.OnFragment(_buffer.WrittenSpan, info);
            }
            else
            {
                gather.OnFragment(_buffer.WrittenMemory, samples, info);
            }
        }
        finally
        {
            ReleasePending();
            // Counted as handed over even if the sink threw: the sink owns its own error state.
            SegmentLength = info.EndOffset;
        }
    }

    private void ChooseShift(ReadOnlySpan<AccessUnit> samples)
    {
        long lowest = 0;
        foreach (var sample in samples)
        {
            lowest = Math.Min(lowest, sample.CompositionOffset);
        }

        if (!_shiftChosen)
        {
            CompositionShift = (uint)Math.Min(-lowest, uint.MaxValue);
            _shiftChosen = true;
        }
        else if (lowest + CompositionShift < 0)
        {
            foreach (var sample in samples)
            {
                ClampedOffsets += sample.CompositionOffset + CompositionShift < 0 ? 1 : 0;
            }
        }
    }

    private bool StartSegment(ParameterSets parameters)
    {
        _buffer.Clear();
        if (!Mp4InitSegmentWriter.TryWrite(_buffer, parameters, out var track) || track is null)
        {
            // Undescribable parameter sets (SPS does not parse): wait for a keyframe with usable ones.
            _segmentParameters = null;
            Track = null;
            return false;
        }

        _segmentParameters = parameters;
        _newSegmentRequested = false;
        Track = track;
        _sequenceNumber = 0;
        _decodeTime = 0;
        CompositionShift = 0;
        _shiftChosen = false;
        SegmentLength = _buffer.WrittenCount;
        _sink.OnInitSegment(_buffer.WrittenSpan, track, parameters);
        return true;
    }

    private void ReleasePending()
    {
        foreach (var unit in _pending)
        {
            unit.Release();
        }

        _pending.Clear();
    }

    private static long ToTicks(TimeSpan duration) => duration.Ticks * AccessUnit.ClockRate / TimeSpan.TicksPerSecond;
}
