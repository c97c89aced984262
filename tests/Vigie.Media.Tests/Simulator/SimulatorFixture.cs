using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;

namespace Vigie.Media.Tests.Simulator;

/// <summary>One camera simulator (4 cameras: campus footage, live clock, two synthetic) shared by a test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public CameraSimulator Simulator { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 4, Port = 0, CacheFolder = Path.Combine(Path.GetTempPath(), "vigie-camsim-tests") },
            NullLogger.Instance);
        await Simulator.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();
}
