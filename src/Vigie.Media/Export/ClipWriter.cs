using System.Buffers.Binary;
using Vigie.Media.Codecs;
using Vigie.Media.Mp4;

namespace Vigie.Media.Export;

/// <summary>
/// Writes recorded frames of one camera into MP4 files by remuxing (no decoding, no re-encoding): the
/// frames go through the same <see cref="Mp4Fragmenter"/> as the recording (one fragment per GOP) into a
/// file, whose init segment carries an edit list trimming the lead-in before the requested start.
/// <list type="bullet">
/// <item>Timestamps are the recorded instants, so frames of consecutive segment files follow each other
/// and a short gap stays a gap (the last picture before it is held until the recording resumes).</item>
/// <item>A new part file starts on a parameter-set change (resolution, profile: a player needs a new
/// sample description) and after a gap longer than <see cref="MaxHeldGap"/>.</item>
/// </list>
/// Not thread-safe. <see cref="Finish"/> completes the files; <see cref="Dispose"/> without it leaves
/// whatever was written (the caller deletes the files of a failed export).
/// </summary>
public sealed class ClipWriter : IDisposable
{
    /// <summary>A longer hole in the recording starts a new file instead of holding a picture for it.</summary>
    public static readonly TimeSpan MaxHeldGap = TimeSpan.FromHours(1);

    private readonly Func<int, string> _pathOfPart;
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly Mp4Fragmenter _fragmenter;
    private readonly List<ClipFile> _files = [];
    private Part? _part;
    private DateTimeOffset? _previousEnd;
    private readonly List<RecordedFrame> _leadIn = [];
    private RecordedFrame? _pendingFirst;
    private long _pendingFirstTimestamp;
    private ulong? _squeezedLeadIn;
    private bool _finished;

    /// <param name="pathOfPart">File path of part n (1-based).</param>
    /// <param name="from">Requested start: the first file presents from here.</param>
    /// <param name="to">Requested end: no file presents past it.</param>
    public ClipWriter(Func<int, string> pathOfPart, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(pathOfPart);
        _pathOfPart = pathOfPart;
        _from = from;
        _to = to;
        _fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions { CutAtKeyframes = true, NonNegativeCompositionOffsets = true }, new Sink(this));
    }

    /// <summary>Bytes written to every file so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Adds a frame (in decode order). The writer retains what it needs; the caller still releases the frame.</summary>
    public void Write(RecordedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_files.Count == 0 && _part is null && frame.At < _from)
        {
            // Lead-in (keyframe before the requested start): held until the first frame of the range shows
            // how many there are, then squeezed (see PushLeadIn).
            frame.Unit.Retain();
            _leadIn.Add(frame);
            return;
        }

        if (_leadIn.Count > 0)
        {
            // With B-frames the lead-in cannot be squeezed into ticks (frames decoded after the requested
            // start may be shown before it): it keeps its recorded times and the edit list alone trims it.
            PushLeadIn(squeeze: frame.Unit.CompositionOffset == 0 && _leadIn.TrueForAll(f => f.Unit.CompositionOffset == 0));
        }

        Push(frame, frame.Unit);
    }

    private void Push(RecordedFrame frame, Ingest.AccessUnit unit)
    {
        if (_previousEnd is { } end && frame.At - end > MaxHeldGap)
        {
            // Close the run before the hole with its own last duration, not one stretched over the hole.
            _fragmenter.Flush();
            _fragmenter.RequestNewSegment();
        }

        _pendingFirst = frame;
        _pendingFirstTimestamp = unit.Timestamp;
        _fragmenter.Push(unit);
        _pendingFirst = null;
        var frameEnd = frame.At + frame.Duration;
        if (_part is not null)
        {
            _part.Frames++;
            _part.LastEnd = frameEnd > _part.LastEnd ? frameEnd : _part.LastEnd;
        }

        // B-frames are read in decode order, so a frame may end before the one read before it.
        _previousEnd = _previousEnd is { } previous && previous > frameEnd ? previous : frameEnd;
    }

    /// <summary>
    /// Writes the held lead-in frames. Squeezed, the k frames before the requested start get the k ticks
    /// (1/90,000 s each) just before it: they are decoded but last no visible time, the last of them (the
    /// picture at the requested start) lasts until the next frame, and the file lasts the requested range
    /// even for a player that ignores the edit list (ffmpeg 5.1 reports a fragmented file's duration from
    /// its first sample, the lead-in included). Not squeezed (nothing follows them), they keep their
    /// recorded times and only the edit list trims them.
    /// </summary>
    private void PushLeadIn(bool squeeze)
    {
        var startTicks = Playback.PlaybackCursor.MediaTime(_from);
        for (var i = 0; i < _leadIn.Count; i++)
        {
            var frame = _leadIn[i];
            if (squeeze)
            {
                var unit = frame.Unit;
                var restamped = Ingest.AccessUnit.Copy(unit.Data.Span, unit.Codec, (long)startTicks - (_leadIn.Count - i), unit.IsKeyframe, unit.Parameters, unit.WallClock, unit.ReceivedAt);
                _squeezedLeadIn = (ulong)_leadIn.Count;
                Push(frame, restamped);
                restamped.Release();
            }
            else
            {
                Push(frame, frame.Unit);
            }

            frame.Unit.Release();
        }

        _leadIn.Clear();
    }

    /// <summary>Writes the last fragment, fills the edit lists and closes the files.</summary>
    public IReadOnlyList<ClipFile> Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_leadIn.Count > 0)
        {
            PushLeadIn(squeeze: false);
        }

        _fragmenter.Flush();
        ClosePart();
        _finished = true;
        return _files;
    }

    public void Dispose()
    {
        foreach (var frame in _leadIn)
        {
            frame.Unit.Release();
        }

        _leadIn.Clear();
        _fragmenter.Dispose();
        _part?.Stream.Dispose();
        _part = null;
        _finished = true;
    }

    private void OpenPart(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track)
    {
        ClosePart();
        var first = _pendingFirst ?? throw new InvalidOperationException("A segment starts only on a pushed frame.");
        var path = _pathOfPart(_files.Count + 1);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var init = ClipEditList.Insert(initSegment, out var elst, out var mvhdDuration);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        stream.Write(init);
        BytesWritten += init.Length;
        // The first file presents from the requested start (the frames before it only lead in to it).
        var presentFrom = _files.Count == 0 && _from > first.At ? _from : first.At;
        // Media time of the presentation start from the file's first sample: the squeezed lead-in's k
        // ticks, or the real lead-in, or nothing.
        var lead = _squeezedLeadIn is { } squeezed && _pendingFirstTimestamp < (long)Playback.PlaybackCursor.MediaTime(_from)
            ? squeezed
            : Ticks90k(presentFrom - first.At);
        _part = new Part(path, stream, elst, mvhdDuration, first.At, presentFrom, lead, track);
    }

    private void ClosePart()
    {
        if (_part is not { } part)
        {
            return;
        }

        _part = null;
        using (part.Stream)
        {
            var end = part.LastEnd < _to ? part.LastEnd : _to;
            if (end < part.PresentFrom)
            {
                end = part.PresentFrom;
            }

            var presented = Ticks90k(end - part.PresentFrom);
            Span<byte> entry = stackalloc byte[16];
            // With B-frames, the file's pictures are shown CompositionShift after their decode times.
            ClipEditList.Fill(entry, presented, part.LeadTicks + part.CompositionShift);
            part.Stream.Position = part.ElstEntryOffset;
            part.Stream.Write(entry);
            Span<byte> duration = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(duration, (uint)Math.Min(presented, uint.MaxValue));
            part.Stream.Position = part.MvhdDurationOffset;
            part.Stream.Write(duration);
            part.Stream.Flush(flushToDisk: true);
            _files.Add(new ClipFile(part.Path, part.PresentFrom, end, part.Stream.Length, part.Frames,
                part.Track.Codec == VideoCodec.H264 ? "h264" : "h265", part.Track.Width, part.Track.Height));
        }
    }

    private static ulong Ticks90k(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (ulong)(span.Ticks * 9 / 1000);

    private sealed class Part(string path, FileStream stream, int elstEntryOffset, int mvhdDurationOffset, DateTimeOffset firstAt, DateTimeOffset presentFrom, ulong leadTicks, Mp4TrackInfo track)
    {
        public string Path { get; } = path;

        public FileStream Stream { get; } = stream;

        public int ElstEntryOffset { get; } = elstEntryOffset;

        public int MvhdDurationOffset { get; } = mvhdDurationOffset;

        public DateTimeOffset FirstAt { get; } = firstAt;

        public DateTimeOffset PresentFrom { get; } = presentFrom;

        public ulong LeadTicks { get; } = leadTicks;

        /// <summary>How much later than their decode times the file's pictures are shown (B-frames; the fragmenter's choice).</summary>
        public uint CompositionShift { get; set; }

        public Mp4TrackInfo Track { get; } = track;

        public int Frames { get; set; }

        public DateTimeOffset LastEnd { get; set; } = firstAt;
    }

    private sealed class Sink(ClipWriter owner) : IMp4FragmentSink
    {
        public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters) => owner.OpenPart(initSegment, track);

        public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info)
        {
            owner._part!.CompositionShift = owner._fragmenter.CompositionShift;
            owner._part.Stream.Write(fragment);
            owner.BytesWritten += fragment.Length;
        }
    }
}
