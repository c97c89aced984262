using Microsoft.Extensions.Logging;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Recording;

/// <summary>
/// Continuous recording of one camera into fMP4 segment files (default 60 s, always cut at a keyframe).
/// A segment is written as NAME.mp4.part, fragment by fragment, and renamed to NAME.mp4 when complete;
/// only then is it reported to the index (ARCHITECTURE principle 4). After a crash a .part file ends on
/// the last complete fragment or is truncated there by <see cref="RecordingRecovery"/>.
/// Each fragment is one gather write (pwritev) of its header and its frames' own buffers: no copy in
/// user space, no fragment-sized buffer per camera.
/// Runs on the camera's ingest thread; not thread-safe.
/// </summary>
public sealed partial class SegmentWriter : IAccessUnitSink, IMp4SampleSink, IDisposable
{
    public static readonly TimeSpan DefaultSegmentDuration = TimeSpan.FromSeconds(60);

    /// <summary>How far a camera's clock may wander from the recorded timeline before a new segment follows it.</summary>
    public static readonly TimeSpan ContinuityTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Buffers per gather write, under Linux's IOV_MAX (1024).</summary>
    private const int MaxBuffersPerWrite = 512;

    private readonly string _root;
    private readonly string _camera;
    private readonly long _segmentTicks;
    private long _firstSegmentTicks;
    private readonly ISegmentIndex _index;
    private readonly ILogger _logger;
    private readonly Mp4Fragmenter _fragmenter;
    private readonly RecordedPreAlarm? _preAlarm;
    private Open? _open;
    private Playback.GrowingSegment? _growing;
    private readonly List<Playback.GrowingSegment> _unindexed = [];
    private readonly SegmentCloser.Lane _closes;
    private DateTimeOffset _unitWallClock;
    private (long Timestamp, DateTimeOffset Wall)? _clockAnchor;
    private (long Timestamp, DateTimeOffset Wall)? _lastEnd;
    private bool _clockStepLogged;
    private readonly List<ReadOnlyMemory<byte>> _gather = new(MaxBuffersPerWrite);

    /// <param name="preAlarm">When given, told where every frame lands so it can read its clip back from the files.</param>
    /// <param name="closer">Where complete segments are made durable, renamed and reported; on the writer's thread when null.</param>
    /// <param name="staggered">
    /// The first segment lasts a random half to whole segment: cameras started together then cut their
    /// segments at different moments instead of all in the same seconds, every minute (a recorder's cameras).
    /// </param>
    public SegmentWriter(string recordingsRoot, string camera, ISegmentIndex index, ILogger logger, TimeSpan? segmentDuration = null, RecordedPreAlarm? preAlarm = null,
        SegmentCloser? closer = null, bool staggered = false)
    {
        _root = recordingsRoot;
        _camera = camera;
        _index = index;
        _logger = logger;
        _segmentTicks = (long)((segmentDuration ?? DefaultSegmentDuration).TotalSeconds * AccessUnit.ClockRate);
        _firstSegmentTicks = staggered ? _segmentTicks / 2 + (long)(_segmentTicks / 2 * Random.Shared.NextDouble()) : _segmentTicks;
        _fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), this);
        _preAlarm = preAlarm;
        _closes = new SegmentCloser.Lane(closer ?? SegmentCloser.Inline, camera, logger);
    }

    /// <summary>Frames written to complete fragments since the start.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>Bytes, segments and failed writes since the start.</summary>
    public WriteCounters Counters { get; } = new();

    /// <summary>
    /// The oldest segment not in the index yet (read from any thread): the one being written once its first
    /// fragment is on disk, or one complete but still being finished — so that playback finds every
    /// recorded instant in the index or here.
    /// </summary>
    public Playback.GrowingSegment? Current => Volatile.Read(ref _growing);

    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _unitWallClock = WallClockOf(unit);
        if (_open is { FirstTimestamp: { } first } && unit.DecodeTimestamp - first >= _firstSegmentTicks)
        {
            _firstSegmentTicks = _segmentTicks;
            _fragmenter.RequestNewSegment();
        }

        var dropped = _fragmenter.DroppedUnits;
        _fragmenter.Push(unit);
        if (_fragmenter.DroppedUnits == dropped)
        {
            // Pending in the muxer now; written with its fragment, in this order.
            _preAlarm?.OnAccepted(unit);
        }
    }

    public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters)
    {
        ArgumentNullException.ThrowIfNull(track);
        CloseCurrent();
        var relative = RecordingPaths.RelativePath(_camera, _unitWallClock);
        var full = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Unbuffered: every fragment goes to the OS in one write at its offset (a killed process loses
        // nothing written so far); the stream is kept for fsync and close.
        var stream = new FileStream(full + RecordingPaths.TemporarySuffix, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        RandomAccess.Write(stream.SafeFileHandle, initSegment, 0);
        _open = new Open(stream, new RecordedFile(full + RecordingPaths.TemporarySuffix), full, relative, track, _unitWallClock) { Length = initSegment.Length };
    }

    public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info)
    {
        if (_open is null)
        {
            _preAlarm?.OnNotWritten(info.SampleCount);
            return;
        }

        try
        {
            RandomAccess.Write(_open.Stream.SafeFileHandle, fragment, _open.Length);
        }
        catch (IOException ex)
        {
            Failed(ex, info);
            throw;
        }

        Written(info);
    }

    public void OnFragment(ReadOnlyMemory<byte> header, ReadOnlySpan<AccessUnit> samples, in Mp4FragmentInfo info)
    {
        if (_open is null)
        {
            _preAlarm?.OnNotWritten(info.SampleCount);
            return;
        }

        try
        {
            var offset = _open.Length;
            _gather.Clear();
            _gather.Add(header);
            foreach (var sample in samples)
            {
                if (_gather.Count == MaxBuffersPerWrite)
                {
                    offset += WriteGathered(_open.Stream, offset);
                }

                _gather.Add(sample.Data);
            }

            WriteGathered(_open.Stream, offset);
        }
        catch (IOException ex)
        {
            Failed(ex, info);
            throw;
        }

        Written(info);
    }

    private long WriteGathered(FileStream stream, long offset)
    {
        long bytes = 0;
        foreach (var buffer in _gather)
        {
            bytes += buffer.Length;
        }

        RandomAccess.Write(stream.SafeFileHandle, _gather, offset);
        _gather.Clear();
        return bytes;
    }

    private void Failed(IOException ex, in Mp4FragmentInfo info)
    {
        LogWriteFailed(_logger, ex, _camera, _open!.FullPath, ex.Message);
        Counters.Failed(ex.Message);
        _preAlarm?.OnNotWritten(info.SampleCount);
        Abandon();
    }

    private void Written(in Mp4FragmentInfo info)
    {
        var open = _open!;
        open.Length += info.EndOffset - info.StartOffset;
        Counters.Wrote(info.EndOffset - info.StartOffset);
        open.FirstTimestamp ??= info.FirstDecodeTimestamp;
        if (open.Start is null)
        {
            open.Start = Continuing(WallClockAt(info.FirstDecodeTimestamp), info.FirstDecodeTimestamp);
            var file = open.File;
            open.Growing = new Playback.GrowingSegment(open.Start.Value, file.TryOpen);
            Unindexed(add: open.Growing);
        }
        open.EndTimestamp = info.FirstDecodeTimestamp + (long)info.Duration;
        open.Frames += info.SampleCount;
        open.Keyframes += info.StartsWithKeyframe ? 1 : 0;
        FramesWritten += info.SampleCount;
        _preAlarm?.OnWritten(open.File, info);
    }

    /// <summary>Ends the current segment (end of stream, stop): the last fragment is written and the file completed.</summary>
    public void Flush()
    {
        _fragmenter.Flush();
        // Whatever comes next (a reconnection) starts a new file at its first keyframe, and its RTP
        // timestamps start from a new random base: the old stream's clock anchor means nothing to it.
        _fragmenter.RequestNewSegment();
        CloseCurrent();
        _clockAnchor = null;
        // Everything recorded so far is in the index when this returns (a camera lost, the host stopping).
        _closes.WaitIdle();
    }

    public void Dispose()
    {
        Flush();
        _fragmenter.Dispose();
    }

    private void CloseCurrent()
    {
        var open = _open;
        if (open is null)
        {
            return;
        }

        _open = null;
        var bytes = open.Length;
        var start = open.Start ?? open.FallbackStart;
        var end = start + TimeSpan.FromSeconds((double)(open.EndTimestamp - (open.FirstTimestamp ?? open.EndTimestamp)) / AccessUnit.ClockRate);
        if (open.Frames > 0)
        {
            _lastEnd = (open.EndTimestamp, end);
        }

        // Durable, then renamed, then indexed (ARCHITECTURE principle 4), off this thread: see SegmentCloser.
        _closes.Enqueue(() =>
        {
            try
            {
                open.Stream.Flush(flushToDisk: true);
                open.Stream.Dispose();
                var partial = open.FullPath + RecordingPaths.TemporarySuffix;
                if (open.Frames == 0)
                {
                    File.Delete(partial);
                    return;
                }

                open.File.MoveTo(open.FullPath);
                _index.OnSegmentCompleted(new CompletedSegment(_camera, open.FullPath, open.RelativePath, start, end, bytes, open.Frames, open.Keyframes,
                    open.Track.Codec, open.Track.Width, open.Track.Height));
                Counters.Completed();
            }
            finally
            {
                open.Stream.Dispose();
                Unindexed(remove: open.Growing);
            }
        });
    }

    private void Abandon()
    {
        var open = _open;
        _open = null;
        open?.Stream.Dispose();
        Unindexed(remove: open?.Growing);
    }

    /// <summary>Keeps <see cref="Current"/> on the oldest segment that playback cannot find in the index yet.</summary>
    private void Unindexed(Playback.GrowingSegment? add = null, Playback.GrowingSegment? remove = null)
    {
        lock (_unindexed)
        {
            if (add is not null)
            {
                _unindexed.Add(add);
            }

            if (remove is not null)
            {
                _unindexed.Remove(remove);
            }

            Volatile.Write(ref _growing, _unindexed.Count > 0 ? _unindexed[0] : null);
        }
    }

    /// <summary>
    /// Wall-clock time of a frame: from RTCP sender reports when the camera sends them, else anchored once
    /// on the arrival of the first frame and advanced by the RTP clock (so jitter in arrival does not bend
    /// the timeline).
    /// </summary>
    private DateTimeOffset WallClockOf(AccessUnit unit)
    {
        if (unit.WallClock is { } wall)
        {
            _clockAnchor = (unit.Timestamp, wall);
            return wall;
        }

        _clockAnchor ??= (unit.Timestamp, unit.ReceivedAt);
        return WallClockAt(unit.Timestamp);
    }

    /// <summary>
    /// Where a new segment starts on the camera's timeline, given where the camera's clock puts its first
    /// frame. A camera's sender reports jitter (a report stamped when it is sent rather than when its frame
    /// was captured is late by the sender's load), so two segments of one unbroken stream could overlap or
    /// leave a hairline gap. The timeline never goes back: a segment never starts before the previous one
    /// ended, and one that follows it without a lost frame continues it exactly unless the camera's clock has
    /// moved on by more than <see cref="ContinuityTolerance"/> (a step of its clock, kept as a gap).
    /// </summary>
    private DateTimeOffset Continuing(DateTimeOffset candidate, long firstTimestamp)
    {
        if (_lastEnd is not { } last)
        {
            return candidate;
        }

        var ahead = candidate - last.Wall;
        if (ahead < TimeSpan.Zero)
        {
            if (-ahead > ContinuityTolerance && !_clockStepLogged)
            {
                _clockStepLogged = true;
                LogClockBack(_logger, _camera, -ahead);
            }

            return last.Wall;
        }

        return firstTimestamp == last.Timestamp && ahead <= ContinuityTolerance ? last.Wall : candidate;
    }

    private DateTimeOffset WallClockAt(long timestamp)
    {
        var (anchorTimestamp, anchorWall) = _clockAnchor ?? (timestamp, _unitWallClock);
        return anchorWall + TimeSpan.FromSeconds((double)(timestamp - anchorTimestamp) / AccessUnit.ClockRate);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: its clock went back {Step} against what is already recorded; new segments continue the recorded timeline (logged once)")]
    private static partial void LogClockBack(ILogger logger, string camera, TimeSpan step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: cannot write {Path}: {Reason}; segment abandoned")]
    private static partial void LogWriteFailed(ILogger logger, IOException exception, string camera, string path, string reason);

    private sealed class Open(FileStream stream, RecordedFile file, string fullPath, string relativePath, Mp4TrackInfo track, DateTimeOffset fallbackStart)
    {
        public FileStream Stream { get; } = stream;

        /// <summary>The .part file, renamed when complete; the pre-alarm reads frames back through it.</summary>
        public RecordedFile File { get; } = file;

        public string FullPath { get; } = fullPath;

        public string RelativePath { get; } = relativePath;

        public Mp4TrackInfo Track { get; } = track;

        public DateTimeOffset FallbackStart { get; } = fallbackStart;

        /// <summary>How playback reads it until it is in the index; set with its first fragment.</summary>
        public Playback.GrowingSegment? Growing { get; set; }

        public DateTimeOffset? Start { get; set; }

        /// <summary>Bytes written: where the next fragment goes.</summary>
        public long Length { get; set; }

        public long? FirstTimestamp { get; set; }

        public long EndTimestamp { get; set; }

        public int Frames { get; set; }

        public int Keyframes { get; set; }
    }
}
