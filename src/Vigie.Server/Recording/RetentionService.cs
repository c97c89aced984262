using Microsoft.Extensions.Options;
using Vigie.Media.Retention;

namespace Vigie.Server.Recording;

/// <summary>Runs the retention executor at start and every <see cref="RetentionOptions.Interval"/>, on the injected clock, as the supervised "retention" loop.</summary>
public sealed class RetentionService(RetentionExecutor executor, IOptions<RetentionOptions> options, Hosting.SupervisedLoops loops) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("retention", executor.RunOnceAsync, options.Value.Interval, stoppingToken);
}
