using Vigie.Media.Ingest;
using Vigie.Media.Rtsp;
using Vigie.Media.Cameras;

namespace Vigie.Server.Live;

/// <summary>
/// The camera's substream, received only while someone watches it live: the wall's picture for a camera
/// whose main stream (the recorded one) is H.265, which Chromium cannot play through MSE (docs/live.md).
/// Nothing of it is recorded. Reconnects with the recorder's backoff until disposed with the last viewer.
/// </summary>
public sealed partial class SubstreamFeed : IAsyncDisposable
{
    private readonly CameraTarget _camera;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4));
    private readonly Task _loop;

    public SubstreamFeed(CameraTarget camera, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentException.ThrowIfNullOrEmpty(camera.SubUrl);
        _camera = camera;
        _time = time;
        _logger = logger;
        FanOut = new AccessUnitFanOut(camera.Name + " (substream)", logger);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public AccessUnitFanOut FanOut { get; }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        LogStarting(_logger, _camera.Name);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var ingest = new CameraIngest(FanOut, _time);
                var session = new RtspSession(new RtspClientOptions
                {
                    Uri = new Uri(_camera.SubUrl!),
                    UserName = _camera.UserName,
                    Password = _camera.Password,
                    // Received only while watched: every frame goes to the viewers as it arrives.
                    ReceiveBatching = TimeSpan.Zero,
                }, ingest, _time);
                await session.StartAsync(cancellationToken).ConfigureAwait(false);
                _backoff.Reset();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailed(_logger, _camera.Name, ex.Message);
            }

            try
            {
                await Task.Delay(_backoff.NextDelay(), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        LogStopped(_logger, _camera.Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: live from the substream (the main stream is H.265)")]
    private static partial void LogStarting(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: substream: {Reason}; retrying")]
    private static partial void LogFailed(ILogger logger, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: substream closed (no live viewer left)")]
    private static partial void LogStopped(ILogger logger, string camera);
}
