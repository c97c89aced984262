using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Vigie.Media.Mp4;

namespace Vigie.Media.Playback;

/// <summary>
/// Reads one camera's recordings forward from an instant, as a stream of fMP4 pieces a Media Source
/// Extensions player appends as they come: the init segment of each file whose parameters differ from the
/// previous one, then the recorded fragments themselves — the bytes on disk, no remux — with only their
/// tfdt moved onto one timeline shared by every camera: <see cref="MediaTime"/>, the recorded wall-clock
/// instant counted from <see cref="Epoch"/>. A player's currentTime is therefore the recorded instant,
/// gaps stay gaps, and four players showing the same currentTime show the same moment.
/// <para>
/// A seek starts at the last fragment that begins with a keyframe at or before the instant (recordings
/// cut a fragment at every keyframe), or at the next recording when the instant falls in a gap. A segment
/// whose file is gone or unreadable is skipped with a log line. Not thread-safe: one reader per stream.
/// </para>
/// </summary>
public sealed partial class PlaybackCursor(IRecordedSegmentSource source, ILogger logger) : IDisposable
{
    /// <summary>Origin of the playback timeline (UTC). Recordings are never older (CSI L252-5 caps them at 30 days).</summary>
    public static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int Lookahead = 16;
    private const string BeingRecorded = "(segment being recorded)";

    /// <summary>A seek this far past the newest recorded frame of the segment being written still lands on it (the instant is "now").</summary>
    private static readonly TimeSpan GrowingTolerance = TimeSpan.FromSeconds(2);

    private readonly Queue<RecordedSegmentRef> _queued = new();
    private RecordedSegmentRef? _current;
    private RecordedSegmentFile? _file;
    private SafeFileHandle? _handle;
    private int _next;
    /// <summary>The current file is the one being recorded: it grows, and is read again for new fragments.</summary>
    private bool _growing;
    private bool _initPending;
    private ReadOnlyMemory<byte> _lastInit;
    private DateTimeOffset _sought;

    /// <summary>The wall-clock end of the last fragment returned, or the sought instant before the first.</summary>
    public DateTimeOffset Position { get; private set; }

    /// <summary>90 kHz ticks from <see cref="Epoch"/> to <paramref name="wall"/> (the decode time on the playback timeline).</summary>
    public static ulong MediaTime(DateTimeOffset wall) => (ulong)((wall.UtcTicks - Epoch.UtcTicks) * 9 / 1000);

    /// <summary>The recorded instant at <paramref name="mediaTime"/> on the playback timeline.</summary>
    public static DateTimeOffset WallTime(ulong mediaTime) => new(Epoch.UtcTicks + (long)(mediaTime * 1000 / 9), TimeSpan.Zero);

    /// <summary>
    /// Positions the cursor at <paramref name="instant"/>. Returns the wall-clock time of the first frame
    /// that will be sent (the keyframe at or before it, or the start of the next recording), or null when
    /// nothing is recorded at or after it.
    /// </summary>
    public async Task<DateTimeOffset?> SeekAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        instant = instant.ToUniversalTime();
        if (instant < Epoch)
        {
            return null;
        }

        CloseFile();
        _queued.Clear();
        _current = null;
        _lastInit = default;
        _sought = instant;
        Position = instant;
        foreach (var segment in await source.EndingAfterAsync(instant, Lookahead, cancellationToken).ConfigureAwait(false))
        {
            _queued.Enqueue(segment);
        }

        while (_queued.TryDequeue(out var segment))
        {
            if (!Open(segment))
            {
                continue;
            }

            var offset = instant > segment.StartsAt ? Ticks90k(instant - segment.StartsAt) : 0UL;
            var start = _file!.StartFragmentFor(offset);
            if (start < 0)
            {
                continue;
            }

            _next = start;
            return WallOf(segment, _file.Fragments[start].DecodeTime);
        }

        // Not in the index: maybe in the minute being recorded now.
        if (source.Growing() is { } growing && OpenGrowing(growing))
        {
            var offset = instant > growing.StartsAt ? Ticks90k(instant - growing.StartsAt) : 0UL;
            var start = _file!.StartFragmentFor(offset);
            if (start >= 0 && offset <= _file.Duration + Ticks90k(GrowingTolerance))
            {
                _next = start;
                return WallOf(_current!.Value, _file.Fragments[start].DecodeTime);
            }
        }

        CloseFile();
        _current = null;
        return null;
    }

    /// <summary>
    /// The next piece of the stream, or null when the recordings end here for now (the camera is still
    /// recording its current segment: ask again later).
    /// </summary>
    public async Task<PlaybackChunk?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_file is { } file && _current is { } segment)
            {
                if (_initPending)
                {
                    _initPending = false;
                    if (!file.InitSegment.Span.SequenceEqual(_lastInit.Span))
                    {
                        _lastInit = file.InitSegment;
                        Mp4TrackInfo.TryCreate(file.Parameters, out var track);
                        var at = _next < file.Fragments.Count ? WallOf(segment, file.Fragments[_next].DecodeTime) : segment.StartsAt;
                        return new PlaybackChunk(PlaybackChunkKind.Init, file.InitSegment, at, at, track);
                    }
                }

                if (_next < file.Fragments.Count)
                {
                    var fragment = file.Fragments[_next++];
                    var bytes = new byte[fragment.Length];
                    try
                    {
                        RecordedSegmentFile.ReadFragment(_handle!, fragment, bytes);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        LogUnreadable(logger, file.Path, ex.Message);
                        CloseFile();
                        continue;
                    }

                    var start = WallOf(segment, fragment.DecodeTime);
                    RecordedSegmentFile.Rebase(bytes, fragment, MediaTime(segment.StartsAt) + fragment.DecodeTime);
                    Position = WallOf(segment, fragment.EndTime);
                    return new PlaybackChunk(PlaybackChunkKind.Fragment, bytes, start, Position, null);
                }

                if (_growing)
                {
                    // Written since it was read? Read its fragments again (their headers only). Asked
                    // before the read: once the recorder has moved on, one last read gets its last fragment.
                    var stillWritten = source.Growing()?.StartsAt == segment.StartsAt;
                    if (Reread())
                    {
                        continue;
                    }

                    if (stillWritten)
                    {
                        return null; // the recorder is still on it: ask again later
                    }
                }

                CloseFile();
            }

            if (!_queued.TryDequeue(out var following))
            {
                if (!await LoadMoreAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            if (Open(following))
            {
                _next = FirstKeyframeFragment(_file!);
                if (_next < 0)
                {
                    CloseFile();
                }
            }
        }
    }

    public void Dispose() => CloseFile();

    private async Task<bool> LoadMoreAsync(CancellationToken cancellationToken)
    {
        var after = _current?.StartsAt;
        var from = Position;
        var found = false;
        foreach (var segment in await source.EndingAfterAsync(from, Lookahead, cancellationToken).ConfigureAwait(false))
        {
            if (after is null || segment.StartsAt > after)
            {
                _queued.Enqueue(segment);
                found = true;
            }
        }

        if (!found && source.Growing() is { } growing && (after is null || growing.StartsAt > after) && OpenGrowing(growing))
        {
            _next = FirstKeyframeFragment(_file!);
            if (_next >= 0)
            {
                return true;
            }

            CloseFile();
        }

        return found;
    }

    private bool OpenGrowing(GrowingSegment growing)
    {
        CloseFile();
        _current = new RecordedSegmentRef(BeingRecorded, growing.StartsAt, growing.StartsAt);
        try
        {
            _handle = growing.TryOpen();
            if (_handle is null)
            {
                return false;
            }

            _file = RecordedSegmentFile.Read(BeingRecorded, _handle);
            _growing = true;
            _initPending = true;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            LogUnreadable(logger, BeingRecorded, ex.Message);
            CloseFile();
            return false;
        }
    }

    /// <summary>Reads the growing file's fragments again; true when it has more than before.</summary>
    private bool Reread()
    {
        try
        {
            var again = RecordedSegmentFile.Read(BeingRecorded, _handle!);
            if (again.Fragments.Count > _file!.Fragments.Count)
            {
                _file = again;
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            LogUnreadable(logger, BeingRecorded, ex.Message);
        }

        return false;
    }

    private bool Open(RecordedSegmentRef segment)
    {
        CloseFile();
        _current = segment;
        _growing = false;
        try
        {
            _handle = File.OpenHandle(segment.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _file = RecordedSegmentFile.Read(segment.FullPath, _handle);
            _initPending = true;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            LogUnreadable(logger, segment.FullPath, ex.Message);
            CloseFile();
            return false;
        }
    }

    private static int FirstKeyframeFragment(RecordedSegmentFile file)
    {
        for (var i = 0; i < file.Fragments.Count; i++)
        {
            if (file.Fragments[i].StartsWithKeyframe)
            {
                return i;
            }
        }

        return -1;
    }

    private void CloseFile()
    {
        _handle?.Dispose();
        _handle = null;
        _file = null;
        _growing = false;
    }

    private static ulong Ticks90k(TimeSpan span) => (ulong)(span.Ticks * 9 / 1000);

    private static DateTimeOffset WallOf(RecordedSegmentRef segment, ulong decodeTime) =>
        segment.StartsAt + TimeSpan.FromTicks((long)(decodeTime * 1000 / 9));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Playback: segment {Path} cannot be read ({Reason}); skipped")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);
}
