using Vigie.Domain;
using Vigie.Media.Live;
using Vigie.Media.Cameras;

namespace Vigie.Server.Live;

/// <summary>
/// One <see cref="LiveStream"/> per watched camera, shared by all its viewers: created on the first
/// viewer (warmed from the camera's pre-alarm buffer so the picture starts at once), subscribed to the
/// recorder's fan-out, and removed with the last viewer so unwatched cameras cost nothing. A recorder
/// restarted (camera edited) gets a new stream; the old one ends and its viewers reconnect. While a camera
/// is watched its receive path delivers at once (<see cref="Media.Rtsp.ImmediateDelivery"/>); unwatched, it
/// reads at the receive tick, which costs the recording less (docs/decisions/0021).
/// <para>
/// A camera whose main stream is H.265 and that has a substream URL is shown from its substream instead,
/// received by a <see cref="SubstreamFeed"/> for as long as someone watches it (docs/live.md, "H.265 cameras").
/// </para>
/// <para>
/// A camera masked by the server has a second stream for the viewers who may not lift its masks: the camera's frames
/// through a <see cref="Media.Masks.MaskedStream"/> (masks burned in, H.264), started with its first such viewer.
/// </para>
/// </summary>
public sealed class LiveStreams(ILogger<LiveStreams> logger, TimeProvider time, Media.Ffmpeg.FfmpegRunner ffmpeg)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(CameraId Camera, bool Masked), Entry> _streams = [];

    /// <summary>Cameras with at least one viewer.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>
    /// Attaches <paramref name="viewer"/> to the camera's live stream — its masked one when <paramref name="masks"/> are
    /// given (server-side masking); dispose the lease to leave.
    /// </summary>
    public Lease Join(CameraId camera, CameraRecorder recorder, LiveViewer viewer, IReadOnlyList<IReadOnlyList<Domain.Cameras.MaskPoint>>? masks = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(viewer);
        var key = (camera, masks is not null);
        lock (_lock)
        {
            if (_streams.TryGetValue(key, out var entry) && !ReferenceEquals(entry.Recorder, recorder))
            {
                End(key, entry);
                entry = null;
            }

            if (entry is null)
            {
                entry = masks is null ? Start(recorder) : StartMasked(recorder, masks);
                _streams[key] = entry;
            }

            entry.Viewers++;
            entry.Stream.Attach(viewer);
            return new Lease(this, key, entry, viewer);
        }
    }

    private Entry Start(CameraRecorder recorder)
    {
        if (recorder.MainCodec == Media.Codecs.VideoCodec.H265 && !string.IsNullOrEmpty(recorder.Target.SubUrl))
        {
            var feed = new SubstreamFeed(recorder.Target, time, logger);
            var fromSubstream = new LiveStream(recorder.Name, logger);
            feed.FanOut.Subscribe(fromSubstream);
            return new Entry(recorder, fromSubstream, feed);
        }

        var stream = new LiveStream(recorder.Name, logger);
        stream.BeginWarmUp();
        recorder.FanOut.Subscribe(stream);
        var recent = recorder.PreAlarm.TakeClip();
        try
        {
            stream.Seed(recent);
        }
        finally
        {
            foreach (var unit in recent)
            {
                unit.Release();
            }
        }

        // Watched: the camera's frames leave the receive path as they arrive, not at the next receive tick.
        return new Entry(recorder, stream) { Immediate = recorder.FanOut.Delivery.Request() };
    }

    /// <summary>The camera's frames with its masks burned in by the server: what viewers who may not lift them get.</summary>
    private Entry StartMasked(CameraRecorder recorder, IReadOnlyList<IReadOnlyList<Domain.Cameras.MaskPoint>> masks)
    {
        var masked = new Media.Masks.MaskedStream(recorder.Name, masks, ffmpeg, time, logger);
        var stream = new LiveStream(recorder.Name, logger);
        masked.FanOut.Subscribe(stream);
        recorder.FanOut.Subscribe(masked);
        return new Entry(recorder, stream) { Masked = masked, Immediate = recorder.FanOut.Delivery.Request() };
    }

    private void Leave((CameraId, bool) key, Entry entry, LiveViewer viewer)
    {
        lock (_lock)
        {
            entry.Stream.Detach(viewer);
            if (--entry.Viewers == 0 && _streams.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                End(key, entry);
            }
        }
    }

    private void End((CameraId, bool) key, Entry entry)
    {
        if (entry.Masked is { } masked)
        {
            entry.Recorder.FanOut.Unsubscribe(masked);
            masked.FanOut.Unsubscribe(entry.Stream);
            // Stopping the encoder waits for the child: not under the lock.
            _ = masked.DisposeAsync().AsTask();
        }
        else if (entry.Feed is { } feed)
        {
            feed.FanOut.Unsubscribe(entry.Stream);
            // Closing the RTSP session takes a round trip: not under the lock.
            _ = feed.DisposeAsync().AsTask();
        }
        else
        {
            entry.Recorder.FanOut.Unsubscribe(entry.Stream);
        }

        // Nobody watches any more: the camera's receive path batches again (recording only).
        entry.Immediate?.Dispose();
        entry.Stream.Dispose();
        _streams.Remove(key);
    }

    internal sealed class Entry(CameraRecorder recorder, LiveStream stream, SubstreamFeed? feed = null)
    {
        public CameraRecorder Recorder { get; } = recorder;

        public LiveStream Stream { get; } = stream;

        /// <summary>The substream receiver when this camera is shown from its substream.</summary>
        public SubstreamFeed? Feed { get; } = feed;

        public int Viewers { get; set; }

        /// <summary>The request for immediate delivery on the recorder's fan-out, held while watched.</summary>
        public IDisposable? Immediate { get; init; }

        /// <summary>The server's masking encoder when this is the camera's masked stream.</summary>
        public Media.Masks.MaskedStream? Masked { get; init; }
    }

    /// <summary>A viewer's place on a stream; disposing it detaches the viewer (and ends an unwatched stream).</summary>
    public sealed class Lease : IDisposable
    {
        private readonly LiveStreams _owner;
        private readonly (CameraId, bool) _camera;
        private readonly Entry _entry;
        private readonly LiveViewer _viewer;
        private int _disposed;

        internal Lease(LiveStreams owner, (CameraId, bool) camera, Entry entry, LiveViewer viewer)
        {
            _owner = owner;
            _camera = camera;
            _entry = entry;
            _viewer = viewer;
        }

        public CameraRecorder Recorder => _entry.Recorder;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Leave(_camera, _entry, _viewer);
            }
        }
    }
}
