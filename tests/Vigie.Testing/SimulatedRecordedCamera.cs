using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;

namespace Vigie.Testing;

/// <summary>
/// A host that records, with one site and one camera served by a camera simulator (cam1: vtest.avi's pedestrians),
/// on the system clock: the set-up of the tests that need real pictures from a recorded camera.
/// </summary>
public sealed class SimulatedRecordedCamera : IAsyncDisposable
{
    private SimulatedRecordedCamera(CameraSimulator simulator, TestHost host, SiteDto site, CameraDto camera)
    {
        Simulator = simulator;
        Host = host;
        Site = site;
        Camera = camera;
    }

    public CameraSimulator Simulator { get; }

    public TestHost Host { get; }

    public SiteDto Site { get; }

    public CameraDto Camera { get; }

    /// <param name="settings">Configuration entries for the host (e.g. <c>Analytics:Detector</c>).</param>
    public static async Task<SimulatedRecordedCamera> StartAsync(string site, string camera, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        TestHost? host = null;
        try
        {
            await simulator.StartAsync(cancellationToken);
            host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, Settings = settings ?? o.Settings });
            var created = await host.CreateSiteAsync(site);
            var saved = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(created.Id, camera, simulator.UrlOf(1), null, null, null, 30), cancellationToken);
            return new SimulatedRecordedCamera(simulator, host, created, saved);
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await simulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
