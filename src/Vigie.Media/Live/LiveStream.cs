using Microsoft.Extensions.Logging;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Live;

/// <summary>
/// A camera's live fMP4 stream for browsers: muxed once from the ingest fan-out whatever the number of
/// viewers, every frame its own fragment (live mode of <see cref="Mp4Fragmenter"/>), and a GOP cache —
/// the fragments since the last keyframe — so that a new viewer starts at once with a decodable picture
/// instead of waiting for the camera's next keyframe. Frames go to each <see cref="LiveViewer"/> without
/// waiting: a slow viewer skips, never the camera.
/// </summary>
public sealed partial class LiveStream : IAccessUnitSink, IMp4FragmentSink, IDisposable
{
    /// <summary>Cap on the GOP cache: a camera with a very long GOP must not grow memory without bound.</summary>
    public const int MaxCachedFragments = 512;

    private readonly string _camera;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Mp4Fragmenter _fragmenter;
    private readonly List<LiveChunk> _gop = [];
    private LiveViewer[] _viewers = [];
    private LiveChunk? _init;
    private readonly List<AccessUnit> _early = [];
    private AccessUnit? _current;
    private bool _warming;
    private long? _lastPushed;
    private bool _disposed;

    public LiveStream(string camera, ILogger logger)
    {
        _camera = camera;
        _logger = logger;
        _fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions { EmitEachFrame = true, CutAtKeyframes = true }, this);
    }

    /// <summary>The track being streamed; null before the first keyframe.</summary>
    public Mp4TrackInfo? Track
    {
        get
        {
            lock (_lock)
            {
                return _init?.Track;
            }
        }
    }

    public int ViewerCount => Volatile.Read(ref _viewers).Length;

    /// <summary>Fragments in the GOP cache (a new viewer gets them first).</summary>
    public int CachedFragments
    {
        get
        {
            lock (_lock)
            {
                return _gop.Count;
            }
        }
    }

    /// <summary>
    /// Call before subscribing the stream to a camera's fan-out: frames that arrive before
    /// <see cref="Seed"/> are held, so none is lost or muxed out of order between the recent frames read
    /// from the pre-alarm buffer and the first live ones.
    /// </summary>
    public void BeginWarmUp()
    {
        lock (_lock)
        {
            _warming = true;
        }
    }

    /// <summary>
    /// Warms the GOP cache with recent frames (oldest first, e.g. from the pre-alarm buffer) so the first
    /// viewer does not wait for a keyframe: only the frames from the last keyframe on are muxed, then the
    /// frames held since <see cref="BeginWarmUp"/> that are newer. The caller keeps its references.
    /// </summary>
    public void Seed(IReadOnlyList<AccessUnit> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var start = recent.Count - 1;
        while (start >= 0 && !recent[start].IsKeyframe)
        {
            start--;
        }

        lock (_lock)
        {
            for (var i = Math.Max(start, 0); start >= 0 && i < recent.Count; i++)
            {
                PushLocked(recent[i], skipOlder: true);
            }

            _warming = false;
            foreach (var held in _early)
            {
                PushLocked(held, skipOlder: true);
                held.Release();
            }

            _early.Clear();
        }
    }

    /// <summary>Ingest thread: mux the frame and offer it to every viewer.</summary>
    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_warming)
            {
                if (_early.Count < MaxCachedFragments)
                {
                    _early.Add(unit.Retain());
                }

                return;
            }

            PushLocked(unit, skipOlder: false);
        }
    }

    /// <param name="skipOlder">While seeding: the recent frames and the held ones overlap, so frames not
    /// newer than the last muxed one are skipped. Live frames are not filtered (a camera that reconnects
    /// may restart its clock).</param>
    private void PushLocked(AccessUnit unit, bool skipOlder)
    {
        if (_disposed || (skipOlder && unit.DecodeTimestamp <= _lastPushed))
        {
            return;
        }

        _lastPushed = unit.DecodeTimestamp;
        _current = unit;
        try
        {
            _fragmenter.Push(unit);
        }
        finally
        {
            _current = null;
        }
    }

    /// <summary>Adds a viewer: it gets the init segment and the GOP cache first, then every new fragment.</summary>
    public void Attach(LiveViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var cached in _gop)
            {
                viewer.Offer(cached);
            }

            _viewers = [.. _viewers, viewer];
        }

        LogViewerAttached(_logger, _camera, _viewers.Length);
    }

    public void Detach(LiveViewer viewer)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_viewers, viewer);
            if (index < 0)
            {
                return;
            }

            _viewers = [.. _viewers[..index], .. _viewers[(index + 1)..]];
        }

        LogViewerDetached(_logger, _camera, viewer.Queued, viewer.Skipped);
    }

    /// <summary>Ends the stream: every viewer's queue completes after what it holds.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var viewer in _viewers)
            {
                viewer.Complete();
            }

            _viewers = [];
            foreach (var held in _early)
            {
                held.Release();
            }

            _early.Clear();
            ClearGop();
            _init?.Release();
            _init = null;
            _fragmenter.Dispose();
        }
    }

    void IMp4FragmentSink.OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters)
    {
        ClearGop();
        _init?.Release();
        _init = LiveChunk.ForInit(initSegment, track);
    }

    void IMp4FragmentSink.OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info)
    {
        var capturedAt = _current is { } unit ? unit.WallClock ?? unit.ReceivedAt : (DateTimeOffset?)null;
        var chunk = LiveChunk.ForFragment(fragment, _init!, info.StartsWithKeyframe, capturedAt);
        if (info.StartsWithKeyframe)
        {
            ClearGop();
        }

        if (_gop.Count < MaxCachedFragments)
        {
            _gop.Add(chunk.Retain());
        }

        foreach (var viewer in _viewers)
        {
            viewer.Offer(chunk);
        }

        chunk.Release();
    }

    private void ClearGop()
    {
        foreach (var chunk in _gop)
        {
            chunk.Release();
        }

        _gop.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: live viewer attached ({Viewers} watching)")]
    private static partial void LogViewerAttached(ILogger logger, string camera, int viewers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: live viewer left after {Queued} chunks, {Skipped} fragments skipped while behind")]
    private static partial void LogViewerDetached(ILogger logger, string camera, long queued, long skipped);
}
