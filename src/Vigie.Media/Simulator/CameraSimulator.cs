using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigie.Media.Ffmpeg;

namespace Vigie.Media.Simulator;

/// <summary>
/// The camera simulator: an RTSP server (TCP interleaved and UDP) serving /cam1 … /camN as looping H.264
/// streams encoded once with ffmpeg (1 s GOP). Without explicit sources: /cam1 plays the real campus
/// footage vtest.avi, /cam2 is a live source burning in the wall-clock time, the others are synthetic
/// 720p scenes at 2 Mbit/s. Every clip is held once in memory whatever the number of cameras.
/// </summary>
public sealed partial class CameraSimulator : IAsyncDisposable
{
    private readonly CameraSimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SimulatedCamera> _cameras = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RtspServerConnection, byte> _connections = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<ServedSession> _finished = new();
    private volatile bool _refusing;
    private TcpListener? _listener;

    public CameraSimulator(CameraSimulatorOptions options, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Cameras, 1);
        _options = options;
        _logger = logger;
        _time = time ?? SystemClock.Default;
    }

    public bool UdpOnly => _options.UdpOnly;

    /// <summary>The simulator's clock: frame pacing, grace periods.</summary>
    internal TimeProvider Time => _time;

    /// <summary>True between <see cref="EndSessionsAsync"/> and <see cref="Resume"/>: new sessions get 503.</summary>
    public bool Refusing => _refusing;

    /// <summary>The port actually bound (useful with port 0).</summary>
    public int Port => (_listener?.LocalEndpoint as IPEndPoint)?.Port ?? _options.Port;

    public IReadOnlyCollection<SimulatedCamera> Cameras => _cameras.Values;

    public string UrlOf(int camera) => $"rtsp://{_options.BindAddress}:{Port}/cam{camera}";

    /// <summary>Encodes or loads the sources, binds the port and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ffmpeg = new FfmpegRunner(_logger, _time);
        var encoder = new SourceEncoder(ffmpeg, _options.CacheFolder);
        var sources = await LoadSourcesAsync(encoder, ffmpeg, cancellationToken).ConfigureAwait(false);
        for (var i = 1; i <= _options.Cameras; i++)
        {
            var camera = new SimulatedCamera($"cam{i}", sources(i), _time, faulty: _options.Faulty.Contains(i));
            _cameras[camera.Path] = camera;
        }

        _listener = new TcpListener(IPAddress.Parse(_options.BindAddress), _options.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(512);
        foreach (var camera in _cameras.Values)
        {
            _tasks.Add(RunCameraAsync(camera, _stop.Token));
        }

        _tasks.Add(AcceptAsync(_stop.Token));
        LogStarted(_logger, _options.Cameras, _options.BindAddress, Port, _options.UdpOnly ? "UDP only" : "TCP and UDP");
    }

    /// <summary>The camera a request URI names (rtsp://host:port/camN[/trackID=0]), or null.</summary>
    public SimulatedCamera? Find(string uri)
    {
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed.AbsolutePath : uri;
        var first = path.Trim('/').Split('/')[0];
        return _cameras.GetValueOrDefault(first);
    }

    private async Task<Func<int, IFrameSource>> LoadSourcesAsync(SourceEncoder encoder, FfmpegRunner ffmpeg, CancellationToken cancellationToken)
    {
        if (_options.Clips.Count > 0)
        {
            var given = _options.Clips;
            return i => new LoopingClip(given[(i - 1) % given.Count]);
        }

        if (_options.Sources.Count > 0)
        {
            var clips = new List<SimulatorSource>();
            foreach (var file in _options.Sources)
            {
                clips.Add(await encoder.FromFileAsync(file, cancellationToken).ConfigureAwait(false));
            }

            return i => new LoopingClip(clips[(i - 1) % clips.Count]);
        }

        var synthetic = await encoder.SyntheticAsync("testsrc2", 1280, 720, 25, TimeSpan.FromSeconds(20), "2M", cancellationToken).ConfigureAwait(false);
        SimulatorSource? campus = null;
        if (File.Exists(SourceEncoder.VtestPath))
        {
            campus = await encoder.FromFileAsync(SourceEncoder.VtestPath, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogNoFootage(_logger, SourceEncoder.VtestPath);
        }

        return i => i switch
        {
            1 when campus is not null => new LoopingClip(campus),
            2 when _options.LiveClock => new LiveClockSource(ffmpeg),
            _ => new LoopingClip(synthetic),
        };
    }

    private async Task RunCameraAsync(SimulatedCamera camera, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await camera.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is FfmpegException or IOException or InvalidOperationException)
            {
                LogCameraFailed(_logger, camera.Path, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(_logger, ex.Message);
                continue;
            }

            client.NoDelay = true;
            _ = ServeAsync(client, cancellationToken);
        }
    }

    /// <summary>
    /// Ends every session cleanly (what is queued is sent, then the stream ends) and refuses new ones (503)
    /// until <see cref="Resume"/>. Returns what each session was served since the last call, including the
    /// sessions that ended on their own meanwhile, so that a client's recording can be checked frame for frame.
    /// </summary>
    public async Task<IReadOnlyList<ServedSession>> EndSessionsAsync(TimeSpan grace)
    {
        _refusing = true;
        var live = _connections.Keys.ToList();
        await Task.WhenAll(live.Select(c => c.EndAsync(grace))).ConfigureAwait(false);
        // Wait for the sessions to be closed by their clients (or cut after the grace period).
        using var timeout = new CancellationTokenSource(grace + TimeSpan.FromSeconds(5), _time);
        while (!_connections.IsEmpty && !timeout.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, CancellationToken.None).ConfigureAwait(false);
        }

        var served = new List<ServedSession>();
        while (_finished.TryDequeue(out var session))
        {
            served.Add(session);
        }

        served.AddRange(_connections.Keys.Select(c => c.Served));
        return served;
    }

    /// <summary>Accepts sessions again after <see cref="EndSessionsAsync"/>.</summary>
    public void Resume() => _refusing = false;

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        await using var connection = new RtspServerConnection(client, this, _logger);
        _connections[connection] = 0;
        try
        {
            await connection.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            if (_options.AccountSessions && connection.Served.Camera is not null)
            {
                _finished.Enqueue(connection.Served);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera simulator serving {Cameras} cameras on rtsp://{Address}:{Port}/cam1.. ({Transports})")]
    private static partial void LogStarted(ILogger logger, int cameras, string address, int port, string transports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Real footage {Path} not found (Debian package opencv-doc); /cam1 plays a synthetic scene")]
    private static partial void LogNoFootage(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated camera {Camera} failed: {Reason}; restarting in 2 s")]
    private static partial void LogCameraFailed(ILogger logger, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator accept failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);
}
