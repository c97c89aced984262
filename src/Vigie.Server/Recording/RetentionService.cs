namespace Vigie.Server.Recording;

/// <summary>Runs the retention executor every few minutes (and at start), on the injected clock, as the supervised "retention" loop.</summary>
public sealed class RetentionService(RetentionExecutor executor, Hosting.SupervisedLoops loops) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("retention", executor.RunOnceAsync, Interval, stoppingToken);
}
