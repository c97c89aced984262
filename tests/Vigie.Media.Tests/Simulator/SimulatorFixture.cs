using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;

namespace Vigie.Media.Tests.Simulator;

/// <summary>One camera simulator (4 cameras: campus footage, live clock, two synthetic) shared by a test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    /// <summary>Where every media test's simulator keeps its encoded sources (one cache for the machine; the server and browser tests use the same folder).</summary>
    public static string CacheFolder { get; } = Path.Combine(Path.GetTempPath(), "vigie-camsim-tests");

    public CameraSimulator Simulator { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 4, Port = 0, CacheFolder = CacheFolder },
            NullLogger.Instance);
        await Simulator.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();
}
