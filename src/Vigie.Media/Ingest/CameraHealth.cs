namespace Vigie.Media.Ingest;

/// <summary>
/// Tracks one camera's supervision state from what the ingest reports, against an injected clock. It
/// raises "perte vidéo" once per outage, when no frame has arrived for <c>videoLossDelay</c> (whether the
/// session failed or the camera just went silent), and "flux rétabli" on the first frame after it.
/// Problems (lost packets, dropped frames) make a streaming camera <see cref="CameraState.Degraded"/>
/// until <c>degradedHold</c> passes without a new one. Not thread-safe: one ingest loop owns it.
/// </summary>
public sealed class CameraHealth
{
    private readonly TimeSpan _videoLossDelay;
    private readonly TimeSpan _degradedHold;
    private DateTimeOffset _since;
    private DateTimeOffset? _lastProblemAt;
    private bool _lossRaised;
    private bool _attempted;

    public CameraHealth(DateTimeOffset now, TimeSpan? videoLossDelay = null, TimeSpan? degradedHold = null)
    {
        _videoLossDelay = videoLossDelay ?? TimeSpan.FromSeconds(10);
        _degradedHold = degradedHold ?? TimeSpan.FromSeconds(30);
        _since = now;
        State = CameraState.Connecting;
    }

    public CameraState State { get; private set; }

    public DateTimeOffset? LastFrameAt { get; private set; }

    public string? LastProblem { get; private set; }

    public int Reconnects { get; private set; }

    /// <summary>A new connection attempt starts (after a failure, this counts as a reconnect).</summary>
    public void Connecting(DateTimeOffset now)
    {
        if (_attempted)
        {
            Reconnects++;
        }

        _attempted = true;

        if (State != CameraState.Offline)
        {
            State = CameraState.Connecting;
        }
    }

    /// <summary>A frame arrived; returns "flux rétabli" when this ends a reported video loss.</summary>
    public HealthEvent? FrameReceived(DateTimeOffset now)
    {
        LastFrameAt = now;
        State = IsDegraded(now) ? CameraState.Degraded : CameraState.Streaming;
        if (!_lossRaised)
        {
            return null;
        }

        _lossRaised = false;
        return new HealthEvent(HealthEventKind.VideoRestored, now, now, "flux rétabli");
    }

    /// <summary>Something went wrong in the stream (malformed packet, loss, dropped frame).</summary>
    public void Problem(DateTimeOffset now, string reason)
    {
        _lastProblemAt = now;
        LastProblem = reason;
        if (State == CameraState.Streaming)
        {
            State = CameraState.Degraded;
        }
    }

    /// <summary>The session ended or failed; the camera is reconnecting.</summary>
    public void Disconnected(DateTimeOffset now, string reason)
    {
        LastProblem = reason;
        _lastProblemAt = now;
        if (State != CameraState.Offline)
        {
            State = CameraState.Connecting;
        }
    }

    /// <summary>The camera's configuration cannot be used (it stays so: a corrected camera gets a new health).</summary>
    public void Misconfigured(string reason)
    {
        LastProblem = reason;
        State = CameraState.Misconfigured;
    }

    /// <summary>Called periodically: raises "perte vidéo" once the silence exceeds the delay.</summary>
    public HealthEvent? Evaluate(DateTimeOffset now)
    {
        var silentSince = LastFrameAt ?? _since;
        if (State == CameraState.Degraded && !IsDegraded(now))
        {
            State = CameraState.Streaming;
        }

        if (now - silentSince < _videoLossDelay || _lossRaised)
        {
            return null;
        }

        _lossRaised = true;
        State = CameraState.Offline;
        var detail = LastProblem is null ? "aucune image reçue" : $"aucune image reçue ({LastProblem})";
        return new HealthEvent(HealthEventKind.VideoLost, now, LastFrameAt, detail);
    }

    private bool IsDegraded(DateTimeOffset now) => _lastProblemAt is { } at && now - at < _degradedHold;
}
