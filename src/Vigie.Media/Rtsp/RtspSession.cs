using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Rtsp.Sdp;

namespace Vigie.Media.Rtsp;

/// <summary>
/// One RTSP 1.0 session (RFC 2326) from OPTIONS to TEARDOWN: DESCRIBE (following up to
/// <see cref="RtspClientOptions.MaxRedirects"/> redirects), SETUP of each video track over TCP
/// interleaved or UDP, PLAY, then packets to the <see cref="IRtpPacketSink"/> with keep-alives at half the
/// server's session timeout, until stopped or failed. Single use: a supervisor creates a new session
/// to reconnect (principle 3: its backoff lives outside).
/// </summary>
public sealed partial class RtspSession
{
    private readonly RtspClientOptions _options;
    private readonly IRtpPacketSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RtspCredentials? _credentials;
    private readonly PacketDispatcher _dispatcher;
    private readonly CancellationTokenSource _stop = new();
    private int _started;

    // Set from OPTIONS' Public header (RFC 2326 §12.28): GET_PARAMETER is the lighter keep-alive.
    private bool _supportsGetParameter;

    private SemaphoreSlim? _startGateHeld;

    public RtspSession(RtspClientOptions options, IRtpPacketSink sink, TimeProvider? timeProvider = null, ILogger<RtspSession>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _options = options;
        _sink = sink;
        _time = timeProvider ?? SystemClock.Default;
        _logger = logger ?? NullLogger<RtspSession>.Instance;
        _credentials = RtspCredentials.From(options);
        _dispatcher = new PacketDispatcher(sink, _time);
    }

    public RtspSessionState State { get; private set; }

    /// <summary>The tracks set up, once SETUP succeeded; empty before.</summary>
    public ImmutableArray<RtspTrack> Tracks { get; private set; } = [];

    /// <summary>The session timeout in force (from the Session header, else the default); drives keep-alive.</summary>
    public TimeSpan SessionTimeout { get; private set; }

    /// <summary>The URL actually played, after redirects, without credentials.</summary>
    public Uri? PlayedUri { get; private set; }

    /// <summary>
    /// Connects, sets up and plays, then runs until <paramref name="cancellationToken"/> or
    /// <see cref="StopAsync"/> stops it (returns normally, after a best-effort TEARDOWN) or the session
    /// fails (throws <see cref="RtspException"/>: refusal, timeout, silence, garbage, closed connection).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("An RtspSession runs once; create a new one to reconnect.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        State = RtspSessionState.Connecting;
        try
        {
            if (_options.StartGate is { } gate)
            {
                await gate.WaitAsync(token).ConfigureAwait(false);
                _startGateHeld = gate;
            }

            await RunAsync(token).ConfigureAwait(false);
            State = RtspSessionState.Stopped;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            State = RtspSessionState.Stopped;
        }
        catch
        {
            State = RtspSessionState.Failed;
            throw;
        }
        finally
        {
            LeaveStartGate();
        }
    }

    /// <summary>Lets the next session of the recorder start: once this one plays, or has ended.</summary>
    private void LeaveStartGate() => Interlocked.Exchange(ref _startGateHeld, null)?.Release();

    /// <summary>Asks a running session to stop; <see cref="StartAsync"/> then sends TEARDOWN and returns.</summary>
    public Task StopAsync() => _stop.CancelAsync();

    private async Task RunAsync(CancellationToken token)
    {
        var (connection, describe, uri) = await ConnectAndDescribeAsync(token).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var udpPairs = new List<UdpPortPair>();
            try
            {
                var aggregate = await SetupAsync(connection, describe, uri, udpPairs, token).ConfigureAwait(false);
                await PlayAsync(connection, aggregate, udpPairs, token).ConfigureAwait(false);
            }
            finally
            {
                foreach (var pair in udpPairs)
                {
                    pair.Dispose();
                }
            }
        }
    }

    /// <summary>OPTIONS then DESCRIBE, reconnecting on 301/302 (RFC 2326 §11.3.2-3) up to the cap.</summary>
    private async Task<(RtspConnection Connection, RtspResponse Describe, Uri Uri)> ConnectAndDescribeAsync(CancellationToken token)
    {
        var uri = _options.Uri;
        for (var redirects = 0; ; redirects++)
        {
            RtspLog.Connecting(_logger, RtspRequest.StripUserInfo(uri));
            var connection = await RtspConnection.ConnectAsync(uri, _options, _credentials, _sink.Delivery, _time, _logger, token).ConfigureAwait(false);
            try
            {
                var options = await connection.SendAsync(new RtspRequest("OPTIONS", uri), token).ConfigureAwait(false);
                Uri? location = null;
                RtspResponse? describe = null;
                if (IsRedirect(options.StatusCode))
                {
                    location = RedirectTarget(options, uri, "OPTIONS");
                }
                else
                {
                    // A camera that answers OPTIONS badly may still stream; only a 401 is final here.
                    ThrowIfUnauthorized(options, $"OPTIONS {RtspRequest.StripUserInfo(uri)}");
                    _supportsGetParameter = options.Headers["Public"]?.Contains("GET_PARAMETER", StringComparison.OrdinalIgnoreCase) ?? false;
                    var request = new RtspRequest("DESCRIBE", uri);
                    request.Headers.Add("Accept", "application/sdp");
                    describe = await connection.SendAsync(request, token).ConfigureAwait(false);
                    if (IsRedirect(describe.StatusCode))
                    {
                        location = RedirectTarget(describe, uri, "DESCRIBE");
                    }
                    else
                    {
                        EnsureSuccess(describe, request.Describe());
                        return (connection, describe, uri);
                    }
                }

                if (redirects >= _options.MaxRedirects)
                {
                    throw new RtspException($"DESCRIBE {RtspRequest.StripUserInfo(_options.Uri)}", $"more than {_options.MaxRedirects} redirects");
                }

                RtspLog.Redirected(_logger, RtspRequest.StripUserInfo(uri), RtspRequest.StripUserInfo(location));
                uri = location;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 305 or 307;

    private static Uri RedirectTarget(RtspResponse response, Uri from, string method)
    {
        var location = response.Headers["Location"];
        if (string.IsNullOrWhiteSpace(location) || !Uri.TryCreate(from, location.Trim(), out var target)
            || !target.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            throw new RtspException($"{method} {RtspRequest.StripUserInfo(from)}", $"redirect {response.StatusCode} without a usable rtsp:// Location");
        }

        return target;
    }

    /// <summary>Parses the SDP, picks the tracks and sends one SETUP per track (RFC 2326 §10.4).</summary>
    private async Task<Uri> SetupAsync(RtspConnection connection, RtspResponse describe, Uri uri, List<UdpPortPair> udpPairs, CancellationToken token)
    {
        SessionDescription sdp;
        try
        {
            sdp = SdpParser.Parse(describe.Body);
        }
        catch (SdpParseException e)
        {
            throw new RtspException($"DESCRIBE {RtspRequest.StripUserInfo(uri)}", $"the SDP could not be read ({e.Message})", e);
        }

        var baseUri = ControlUrl.Base(describe, uri);
        var tracks = ImmutableArray.CreateBuilder<RtspTrack>();
        SessionHeader? session = null;
        foreach (var media in sdp.Media)
        {
            var codec = CodecOf(media);
            if (codec is null && !_options.IncludeNonVideoTracks)
            {
                RtspLog.SkippedTrack(_logger, media.MediaType, media.Control ?? "(none)", media.EncodingName ?? "?");
                continue;
            }

            var index = tracks.Count;
            var control = new Uri(RtspRequest.StripUserInfo(ControlUrl.Resolve(baseUri, media.Control)));
            var request = new RtspRequest("SETUP", control);
            UdpPortPair? pair = null;
            if (_options.Transport == RtspTransportMode.Udp)
            {
                pair = UdpPortPair.Bind(_options.UdpBindAddress);
                udpPairs.Add(pair);
                request.Headers.Add("Transport", TransportHeader.ForUdp(pair.RtpPort));
            }
            else
            {
                request.Headers.Add("Transport", TransportHeader.ForTcp(index * 2));
            }

            var response = await connection.SendAsync(request, token).ConfigureAwait(false);
            EnsureSuccess(response, request.Describe());
            var transport = TransportHeader.Parse(response.Headers["Transport"]);
            var track = new RtspTrack { Index = index, Media = media, Codec = codec, ControlUri = control };
            if (_options.Transport == RtspTransportMode.Udp)
            {
                if (transport is { IsTcp: true })
                {
                    throw new RtspException(request.Describe(), "asked for UDP, the server chose TCP");
                }

                track = track with { ClientPorts = (pair!.RtpPort, pair.RtcpPort), ServerPorts = transport?.ServerPorts };
            }
            else
            {
                // The server may pick other channels than asked (RFC 2326 §12.39): use what it answered.
                var channels = transport?.Interleaved ?? (index * 2, (index * 2) + 1);
                _dispatcher.MapChannels(index, channels.Rtp, channels.Rtcp);
                track = track with { Channels = channels };
            }

            if (session is null)
            {
                session = SessionHeader.Parse(response.Headers["Session"])
                    ?? throw new RtspException(request.Describe(), "the SETUP reply has no Session header");
                connection.SessionId = session.Id;
            }

            tracks.Add(track);
        }

        if (tracks.Count == 0)
        {
            throw new RtspException($"DESCRIBE {RtspRequest.StripUserInfo(uri)}", "the SDP has no H.264 or H.265 video track");
        }

        Tracks = tracks.ToImmutable();
        SessionTimeout = session!.Timeout ?? _options.DefaultSessionTimeout;
        PlayedUri = new Uri(RtspRequest.StripUserInfo(uri));
        return new Uri(RtspRequest.StripUserInfo(sdp.Control is null ? baseUri : ControlUrl.Resolve(baseUri, sdp.Control)));
    }

    private static VideoCodec? CodecOf(SdpMedia media)
    {
        if (media.MediaType != "video")
        {
            return null;
        }

        return media.EncodingName switch
        {
            "H264" => VideoCodec.H264,
            "H265" or "HEVC" => VideoCodec.H265,
            _ => null,
        };
    }

    /// <summary>PLAY (RFC 2326 §10.5), then receive, keep alive and watch for silence until stop or failure.</summary>
    private async Task PlayAsync(RtspConnection connection, Uri aggregate, List<UdpPortPair> udpPairs, CancellationToken token)
    {
        _sink.OnTracks(Tracks);
        connection.FrameHandler = _dispatcher.OnInterleaved;
        using var running = CancellationTokenSource.CreateLinkedTokenSource(token);
        var receivers = new List<Task>();
        for (var i = 0; i < udpPairs.Count; i++)
        {
            receivers.Add(udpPairs[i].RunAsync(i, _dispatcher, running.Token));
        }

        var play = new RtspRequest("PLAY", aggregate);
        play.Headers.Add("Range", "npt=0.000-");
        var response = await connection.SendAsync(play, token).ConfigureAwait(false);
        EnsureSuccess(response, play.Describe());
        _dispatcher.MarkActive();
        receivers.Add(connection.ReceiveLoopAsync());
        receivers.Add(KeepAliveAsync(connection, aggregate, running.Token));
        receivers.Add(WatchSilenceAsync(running.Token));

        // Only now: the keep-alive and silence timers are armed, so a test clock advanced after this is seen.
        State = RtspSessionState.Playing;
        LeaveStartGate();
        RtspLog.Playing(_logger, PlayedUri!.AbsoluteUri, Tracks.Length, _options.Transport, SessionTimeout);
        var stopped = Task.Delay(Timeout.InfiniteTimeSpan, _time, token);
        var first = await Task.WhenAny([.. receivers, stopped]).ConfigureAwait(false);

        // The task that ended first says why: a stop request, or the failure to report. The others
        // then end by cancellation or by the closed socket, and their exceptions are only echoes.
        var failure = first == stopped || token.IsCancellationRequested ? null : first.Exception?.InnerException;
        if (token.IsCancellationRequested)
        {
            await TeardownAsync(connection, aggregate).ConfigureAwait(false);
        }

        await running.CancelAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(receivers).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RtspException or OperationCanceledException or ObjectDisposedException)
        {
            // Echoes of closing, see above.
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        if (!token.IsCancellationRequested)
        {
            throw new RtspException($"playing {PlayedUri.AbsoluteUri}", "the receive loop ended without an error");
        }

        RtspLog.Stopped(_logger, PlayedUri.AbsoluteUri);
    }

    /// <summary>Best effort (RFC 2326 §10.7): a short wait, and failure only logged, the session ends anyway.</summary>
    private async Task TeardownAsync(RtspConnection connection, Uri aggregate)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            var response = await connection.SendAsync(new RtspRequest("TEARDOWN", aggregate), timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                RtspLog.TeardownFailed(_logger, $"{response.StatusCode} {response.Reason}");
            }
        }
        catch (Exception e) when (e is RtspException or OperationCanceledException or ObjectDisposedException)
        {
            RtspLog.TeardownFailed(_logger, e.Message);
        }
    }

    private static void ThrowIfUnauthorized(RtspResponse response, string operation)
    {
        if (response.StatusCode == 401)
        {
            EnsureSuccess(response, operation);
        }
    }

    private static void EnsureSuccess(RtspResponse response, string operation)
    {
        if (response.IsSuccess)
        {
            return;
        }

        if (response.StatusCode == 401)
        {
            throw new RtspException(operation, 401, $"{response.Reason} (check the camera's user name and password)");
        }

        throw new RtspException(operation, response.StatusCode, response.Reason);
    }
}
