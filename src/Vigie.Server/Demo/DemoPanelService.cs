using Vigie.Alarms.Simulator;
using Vigie.Server.Alarms;
using Vigie.Server.Hosting;

namespace Vigie.Server.Demo;

/// <summary>
/// The demo's alarm panels: the panel simulator in-process, sending a gentle stream of DC-09 traffic
/// (one message every 20 s: alarms, restores, openings, closings, tests, link tests) to the host's own
/// receiver, so that the console has signals to show, after one intrusion at once (the first alarm to handle). Run as the supervised "demo-panels" loop: a panel
/// simulator that fails is started again.
/// </summary>
public sealed partial class DemoPanelService(VigieHostOptions options, AlarmIntakeService intake, SupervisedLoops loops, ILogger<DemoPanelService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("demo-panels", RunPanelsAsync, token => Task.Delay(Timeout.InfiniteTimeSpan, options.Time, token), stoppingToken);

    private async Task RunPanelsAsync(CancellationToken stoppingToken)
    {
        await intake.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        // Let the demo seeding declare the panels' accounts and the receiver load them first.
        await Task.Delay(TimeSpan.FromSeconds(10), options.Time, stoppingToken).ConfigureAwait(false);
        if (intake.Dc09Port is not { } port)
        {
            return;
        }

        LogStarting(logger, DemoSeeder.PanelCount, port);
        var panels = new PanelSimulatorOptions
        {
            Host = options.Dc09Address == "0.0.0.0" ? "127.0.0.1" : options.Dc09Address,
            Port = port,
            Accounts = DemoSeeder.PanelCount,
            FirstAccount = DemoSeeder.FirstPanelAccount,
            Rate = 1 / 20.0,
            Zones = DemoSeeder.CameraCount,
        };
        // An intrusion at once, so that a new user has an alarm with its video to handle in the first minute.
        await new PanelSimulator(panels with { Accounts = 1, Count = 1, Rate = 0, Only = ["BA"] }, SystemClocks.Network).RunAsync(stoppingToken).ConfigureAwait(false);
        await new PanelSimulator(panels, SystemClocks.Network).RunAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Panels} simulated alarm panels sending DC-09 to port {Port}")]
    private static partial void LogStarting(ILogger logger, int panels, int port);
}
