using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vigie.Domain;

namespace Vigie.Media.Cameras;

/// <summary>
/// The recording engine: one <see cref="CameraRecorder"/> per camera, each on its own task. The host tells it
/// which cameras exist (<see cref="ApplyAsync"/>, after reading them from storage); a new camera starts
/// recording, an edited one (stream, credentials, a password entered again) gets a new recorder once the
/// old one closed its segment, a removed one stops. Runs and is tested without a web host.
/// </summary>
public sealed partial class CameraRecorders(RecordingContext context, ILogger logger) : ICameraRecorders, IAsyncDisposable
{
    private readonly ConcurrentDictionary<CameraId, Running> _running = new();

    public IReadOnlyCollection<CameraRecorder> All => [.. _running.Values.Select(r => r.Recorder)];

    public CameraRecorder? RecorderOf(CameraId camera) => _running.TryGetValue(camera, out var running) ? running.Recorder : null;

    public CameraStatus StatusOf(CameraId camera) =>
        _running.TryGetValue(camera, out var running) && running.Recorder.Status.CameraId != Guid.Empty ? running.Recorder.Status : CameraStatus.Unknown(camera.Value);

    /// <summary>Brings the recorders in line with <paramref name="cameras"/>; each runs until <paramref name="stoppingToken"/> or its camera changes.</summary>
    public async Task ApplyAsync(IReadOnlyList<CameraTarget> cameras, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        foreach (var camera in cameras)
        {
            if (_running.TryGetValue(camera.Id, out var running))
            {
                if (running.Recorder.Target == camera)
                {
                    continue;
                }

                await StopAsync(camera.Id, running).ConfigureAwait(false);
                LogRestarting(logger, camera.Name);
            }

            var recorder = new CameraRecorder(camera, context, logger);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[camera.Id] = new Running(recorder, stop, Task.Run(() => recorder.RunAsync(stop.Token), CancellationToken.None));
            if (camera.Problem is null)
            {
                LogRecording(logger, camera.Name, camera.Url);
            }
        }

        var wanted = cameras.Select(c => c.Id).ToHashSet();
        foreach (var (id, running) in _running.Where(r => !wanted.Contains(r.Key)).ToList())
        {
            await StopAsync(id, running).ConfigureAwait(false);
            LogRemoved(logger, running.Recorder.Name);
        }
    }

    /// <summary>Stops every recorder and waits until each has closed its segment.</summary>
    public async Task StopAsync()
    {
        foreach (var (id, running) in _running.ToList())
        {
            await StopAsync(id, running).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Stops one recorder. Callers may race (the host's stop and the container's dispose): the one that takes it out
    /// of the running set stops it; any other waits for the same end, never touching its disposed stop source.
    /// </summary>
    private async Task StopAsync(CameraId camera, Running running)
    {
        if (!_running.TryRemove(new KeyValuePair<CameraId, Running>(camera, running)))
        {
            await running.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            await running.Stop.CancelAsync().ConfigureAwait(false);
            await running.Task.ConfigureAwait(false);
        }
        finally
        {
            running.Stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording camera {Camera} from {Url}")]
    private static partial void LogRecording(ILogger logger, string camera, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera} changed: its recorder restarts")]
    private static partial void LogRestarting(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera} removed: no longer recorded")]
    private static partial void LogRemoved(ILogger logger, string camera);

    /// <summary>A camera's recorder, its own stop (to restart it when the camera changes) and its task.</summary>
    private sealed record Running(CameraRecorder Recorder, CancellationTokenSource Stop, Task Task);
}
