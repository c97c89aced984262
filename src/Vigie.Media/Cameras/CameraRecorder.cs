using Microsoft.Extensions.Logging;
using Vigie.Domain;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Cameras;

/// <summary>
/// Records one camera for as long as the host runs: connects (capped exponential backoff with jitter
/// between attempts), feeds the fan-out (recorder, which also indexes the pre-alarm clip), supervises the stream and writes
/// "perte vidéo" / "flux rétabli" through <see cref="ICameraEvents"/>, and records the gap while the camera was away
/// through <see cref="ISegmentIndex"/>. A failure here never leaves this loop: one camera cannot disturb another
/// or the host. Everything it waits for runs on <see cref="RecordingContext.Time"/>.
/// </summary>
public sealed partial class CameraRecorder
{
    private readonly CameraTarget _camera;
    private readonly RecordingContext _context;
    private readonly ILogger _logger;
    /// <summary>Capped at 4 s so that recording resumes within 5 s of a camera's return, however long it was away.</summary>
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4));
    private readonly AccessUnitFanOut _fanOut;
    private readonly FrameWatch _watch;
    private readonly RecordedPreAlarm _preAlarm;
    /// <summary>Health is touched by the session loop and the supervision loop.</summary>
    private readonly Lock _healthLock = new();
    private volatile CameraIngest? _ingest;
    private volatile SegmentWriter? _writer;
    /// <summary>Damage of the sessions that ended, and the total the supervision loop last saw.</summary>
    private StreamDamage _pastDamage = StreamDamage.None;
    private StreamDamage _seenDamage = StreamDamage.None;

    public CameraRecorder(CameraTarget camera, RecordingContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(context);
        _camera = camera;
        _context = context;
        _logger = logger;
        _fanOut = new AccessUnitFanOut(camera.Name, logger);
        _watch = new FrameWatch(context.Time);
        Health = new CameraHealth(context.Time.GetUtcNow(), context.Options.VideoLossDelay);
        _preAlarm = new RecordedPreAlarm();
        _fanOut.Subscribe(_watch);
    }

    public CameraHealth Health { get; }

    /// <summary>The folder of a camera's segments under the recordings root: its id, which maps a file back to its camera.</summary>
    public static string FolderOf(CameraId camera) => camera.Value.ToString("N");

    public string Name => _camera.Name;

    /// <summary>The camera as configured (streams, credentials): the live wall opens the substream from it.</summary>
    public CameraTarget Target => _camera;

    /// <summary>The segment being written now (playback reads the last seconds from it before it is indexed).</summary>
    public Playback.GrowingSegment? Growing => _writer?.Current;

    /// <summary>Codec of the main stream's last frame, null before the first.</summary>
    public Codecs.VideoCodec? MainCodec => _watch.Codec;

    /// <summary>The last 10 s, read back from the segment files being written (decision 0011).</summary>
    public IPreAlarmClipSource PreAlarm => _preAlarm;

    /// <summary>The picture's size from the newest frame's parameter sets; null before the first frame.</summary>
    public (int Width, int Height)? PictureSize()
    {
        var recent = _preAlarm.TakeClip();
        try
        {
            return recent.Count > 0 && Mp4.Mp4TrackInfo.TryCreate(recent[^1].Parameters, out var track) ? (track!.Width, track.Height) : null;
        }
        finally
        {
            foreach (var unit in recent)
            {
                unit.Release();
            }
        }
    }

    public AccessUnitFanOut FanOut => _fanOut;

    /// <summary>What the recording of this camera did since the start (equipment supervision); zeros before it runs.</summary>
    public RecordingFigures Recording => _writer is { } writer
        ? new RecordingFigures(writer.FramesWritten, writer.Counters.Bytes, writer.Counters.Segments, writer.Counters.Errors, writer.Counters.LastError, writer.Current?.StartsAt)
        : new RecordingFigures(0, 0, 0, 0, null, null);

    /// <summary>Figures over the last few seconds, refreshed by the supervision loop.</summary>
    public CameraStatus Status { get; private set; } = CameraStatus.Unknown(Guid.Empty);

    private (DateTimeOffset At, long Frames, long Bytes)? _rateMark;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_camera.Problem is { } problem)
        {
            await WaitMisconfiguredAsync(problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var writer = new SegmentWriter(_context.RecordingsFolder, FolderOf(_camera.Id), _context.Index, _logger, _context.Options.SegmentDuration, _preAlarm, _context.Closer, staggered: true);
        _writer = writer;
        _fanOut.Subscribe(writer);
        var supervision = SuperviseAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await RunSessionAsync(writer, cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var delay = _backoff.NextDelay();
                LogRetrying(_logger, _camera.Name, delay.TotalSeconds, Health.LastProblem ?? "?");
                await Task.Delay(delay, _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        finally
        {
            writer.Flush();
            _fanOut.Unsubscribe(writer);
            _preAlarm.Dispose();
            await supervision.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A camera that cannot be tried as configured: shown <c>misconfigured</c>, written once to the main courante,
    /// and left alone until it is corrected (<see cref="CameraRecorders"/> then starts a new recorder for it).
    /// </summary>
    private async Task WaitMisconfiguredAsync(string problem, CancellationToken cancellationToken)
    {
        lock (_healthLock)
        {
            Health.Misconfigured(problem);
            UpdateStatus(_context.Time.GetUtcNow(), StreamDamage.None);
        }

        LogMisconfigured(_logger, _camera.Name, problem);
        try
        {
            await WriteEventAsync(CameraEventKind.Misconfigured, $"Configuration invalide — caméra « {_camera.Name} » : {problem}.", cancellationToken).ConfigureAwait(false);
            await Task.Delay(Timeout.InfiniteTimeSpan, _context.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Corrected, or the host is stopping.
        }
    }

    private async Task RunSessionAsync(SegmentWriter writer, CancellationToken cancellationToken)
    {
        lock (_healthLock)
        {
            Health.Connecting(_context.Time.GetUtcNow());
        }

        using var ingest = new CameraIngest(_fanOut, _context.Time);
        _ingest = ingest;
        var session = new RtspSession(new RtspClientOptions
        {
            Uri = new Uri(_camera.Url),
            UserName = _camera.UserName,
            Password = _camera.Password,
            ReceiveBatching = _context.Options.ReceiveTick,
            StartGate = _context.StartGate,
        }, ingest, _context.Time, _context.Loggers?.CreateLogger<RtspSession>());
        var framesBefore = _watch.Frames;
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            Disconnected("session ended");
        }
        catch (RtspException ex)
        {
            Disconnected(ex.Message);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Whatever went wrong with this camera stays with this camera: log it and reconnect.
            Disconnected(ex.Message);
            LogIngestFailed(_logger, _camera.Name, ex);
        }
        finally
        {
            ingest.Flush();
            lock (_healthLock)
            {
                _pastDamage += StreamDamage.Of(ingest.Statistics);
                _ingest = null;
            }
        }

        if (_watch.Frames > framesBefore)
        {
            _backoff.Reset();
            // Close the segment at the outage: the next one starts when the camera is back, after a gap.
            writer.Flush();
        }
    }

    private void Disconnected(string reason)
    {
        lock (_healthLock)
        {
            Health.Disconnected(_context.Time.GetUtcNow(), reason);
        }
    }

    /// <summary>Once a second: raises and writes video loss and return, and records the gap.</summary>
    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? lostSince = null;
        var seen = 0L;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // On the clock's whole seconds: every camera's step fires together, one timer wake-up for the host.
                await Task.Delay(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (_context.Time.GetUtcNow().UtcTicks % TimeSpan.TicksPerSecond)), _context.Time, cancellationToken).ConfigureAwait(false);
                try
                {
                    lostSince = await SuperviseOnceAsync(lostSince, seen, cancellationToken).ConfigureAwait(false);
                    seen = _watch.Frames;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSupervisionFailed(_logger, _camera.Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (lostSince is { } since)
            {
                _context.Index.OnGap(_camera.Id, since, _context.Time.GetUtcNow(), "perte vidéo (en cours à l'arrêt)");
            }
        }
    }

    /// <summary>One supervision step: "flux rétabli" and the gap when frames came back, figures, "perte vidéo" after the delay.</summary>
    private async Task<DateTimeOffset?> SuperviseOnceAsync(DateTimeOffset? lostSince, long seen, CancellationToken cancellationToken)
    {
        var now = _context.Time.GetUtcNow();
        HealthEvent? restored = null;
        HealthEvent? lost;
        lock (_healthLock)
        {
            if (_watch.Frames != seen)
            {
                restored = Health.FrameReceived(_watch.LastFrameAt ?? now);
            }

            // Packets lost or malformed, frames dropped since the last step: the camera is degraded.
            var damage = _pastDamage + StreamDamage.Of(_ingest?.Statistics);
            var fresh = damage - _seenDamage;
            if (fresh.Total > 0)
            {
                // Logged when the camera turns degraded, not on every step it stays so.
                if (Health.State != CameraState.Degraded)
                {
                    LogStreamDamaged(_logger, _camera.Name, fresh.Describe());
                }

                Health.Problem(now, $"stream damaged: {fresh.Describe()}");
            }

            _seenDamage = damage;
            lost = Health.Evaluate(now);
            // Before the events are written: a main courante that cannot be written must not freeze the state shown.
            UpdateStatus(now, damage);
        }

        if (restored is not null)
        {
            _context.Index.OnGap(_camera.Id, lostSince ?? restored.At, _watch.RunStartedAt ?? restored.At, "perte vidéo");
            lostSince = null;
            await WriteEventAsync(CameraEventKind.VideoRestored, $"Flux rétabli — caméra « {_camera.Name} ».", cancellationToken).ConfigureAwait(false);
        }

        if (lost is not null)
        {
            lostSince = lost.LastFrameAt ?? now;
            await WriteEventAsync(CameraEventKind.VideoLost, $"Perte vidéo — caméra « {_camera.Name} » : {lost.Detail}.", cancellationToken).ConfigureAwait(false);
        }

        return lostSince;
    }

    /// <summary>Rates over windows of at least 5 s, so one late frame does not make the figures jump.</summary>
    private void UpdateStatus(DateTimeOffset now, StreamDamage damage)
    {
        var mark = _rateMark ??= (now, _watch.Frames, _watch.Bytes);
        var seconds = (now - mark.At).TotalSeconds;
        var fps = Status.FramesPerSecond;
        var kbps = Status.BitrateKbps;
        if (seconds >= 5)
        {
            fps = Math.Round((_watch.Frames - mark.Frames) / seconds, 1);
            kbps = Math.Round((_watch.Bytes - mark.Bytes) * 8 / seconds / 1000);
            _rateMark = (now, _watch.Frames, _watch.Bytes);
        }

        Status = new CameraStatus(_camera.Id.Value, CameraStatus.StateName(Health.State), Health.State == CameraState.Offline ? 0 : fps, Health.State == CameraState.Offline ? 0 : kbps,
            Math.Round(_watch.KeyframeInterval.TotalSeconds, 2), Health.Reconnects,
            _watch.LastFrameAt is { } last ? Math.Round((now - last).TotalSeconds, 1) : null, Health.LastProblem, damage);
    }

    private async Task WriteEventAsync(CameraEventKind kind, string text, CancellationToken cancellationToken)
    {
        LogTechnicalEvent(_logger, _camera.Name, text);
        try
        {
            await _context.Events.WriteAsync(new CameraEvent(kind, _camera.Id, _camera.SiteId, text), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be away: the camera goes on recording, the event is in the log.
            LogEventNotWritten(_logger, _camera.Name, text, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: stream damaged: {Damage}")]
    private static partial void LogStreamDamaged(ILogger logger, string camera, string damage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: supervision step failed; going on")]
    private static partial void LogSupervisionFailed(ILogger logger, string camera, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: reconnecting in {Seconds:F1} s ({Reason})")]
    private static partial void LogRetrying(ILogger logger, string camera, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: ingest failed")]
    private static partial void LogIngestFailed(ILogger logger, string camera, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: {Event}")]
    private static partial void LogTechnicalEvent(ILogger logger, string camera, string @event);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: technical event not written: {Event}")]
    private static partial void LogEventNotWritten(ILogger logger, string camera, string @event, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera} is not recorded: {Problem}")]
    private static partial void LogMisconfigured(ILogger logger, string camera, string problem);
}
