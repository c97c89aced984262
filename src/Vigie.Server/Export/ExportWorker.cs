using Vigie.Server.Hosting;

namespace Vigie.Server.Export;

/// <summary>
/// Runs queued exports one at a time (an export reads at disk speed; two at once would only share the
/// disk) with <see cref="ExportRunner"/> into DATA/exports/{id}/. A failure fails that export only, never the host.
/// </summary>
public sealed class ExportWorker(ExportService exports, ExportRunner runner, SupervisedLoops loops) : BackgroundService
{
    /// <summary>
    /// The supervised "export" loop: one export per step. An export whose failure cannot even be audited
    /// fails the step (logged, /health degraded) and the worker goes on with the next export.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("export", RunNextAsync, token => exports.Queue.WaitToReadAsync(token).AsTask(), stoppingToken);

    /// <summary>Shutdown: a running export is failed by <see cref="ExportRunner.RunAsync"/>; queued ones are forgotten with the process.</summary>
    private async Task RunNextAsync(CancellationToken stoppingToken)
    {
        if (exports.Queue.TryRead(out var job))
        {
            await runner.RunAsync(job, Path.Combine(exports.Folder, job.Id.ToString("N")), stoppingToken).ConfigureAwait(false);
        }
    }
}
