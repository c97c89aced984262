using Vigie.Media.Ffmpeg;
using Vigie.Media.Simulator;

namespace Vigie.Server.Hosting;

/// <summary>
/// Runs the camera simulator inside the demo host, so the demo cameras stream without anything else to
/// start. A failure (ffmpeg missing, port taken) is logged and the demo goes on without it.
/// </summary>
public sealed partial class SimulatorHostedService(SimulatorHostedService.Settings settings, ILogger<SimulatorHostedService> logger) : IHostedService, IAsyncDisposable
{
    private CameraSimulator? _simulator;

    public sealed record Settings(int Port);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = Demo.DemoSeeder.CameraCount, Port = settings.Port }, logger);
        try
        {
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            _simulator = simulator;
        }
        catch (Exception ex) when (ex is FfmpegException or System.Net.Sockets.SocketException or IOException)
        {
            LogNotStarted(logger, settings.Port, ex.Message);
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
            _simulator = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera simulator not started on port {Port}: {Reason}. The demo cameras will show as offline.")]
    private static partial void LogNotStarted(ILogger logger, int port, string reason);
}
