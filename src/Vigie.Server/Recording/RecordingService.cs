using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;
using Vigie.Media.Recording;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>
/// Continuous recording of every camera, the host's side of the engine (<see cref="CameraRecorders"/>): at
/// start it reconciles disk and index (torn segments cut and adopted, orphans indexed, rows whose file
/// vanished marked missing), then reads the cameras from storage (credentials decrypted here) and hands them
/// to the engine, again every <see cref="RecordingOptions.CameraPoll"/> and at once after an edit. Both its
/// loops (the cameras, the index writer) are supervised: a database that is away, or a camera whose password
/// cannot be decrypted, is retried or shown, never the end of recording.
/// </summary>
public sealed partial class RecordingService(
    VigieHostOptions options,
    VigieDbFactory dbFactory,
    SegmentIndexWriter index,
    CameraRecorders recorders,
    SecretProtector secrets,
    CameraChanges changes,
    IOptions<RecordingOptions> recording,
    SupervisedLoops loops,
    ILogger<RecordingService> logger) : BackgroundService
{
    /// <summary>Cameras whose password could not be decrypted, with the stored value that failed: logged once, not every poll.</summary>
    private readonly ConcurrentDictionary<CameraId, string> _unreadable = new();

    private bool _reconciled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var indexing = loops.RunAsync("recording-index", index.WriteNextAsync, index.WaitAsync, stoppingToken);
        await loops.RunAsync("recording", StartCamerasAsync, WaitForChangeAsync, stoppingToken).ConfigureAwait(false);

        // Host stopping: recorders close their segments, then what they indexed last is written.
        await recorders.StopAsync().ConfigureAwait(false);
        await indexing.ConfigureAwait(false);
        await index.DrainAsync().ConfigureAwait(false);
    }

    /// <summary>One step of the recording loop: reconcile once, then bring the recorders in line with the cameras.</summary>
    private async Task StartCamerasAsync(CancellationToken stoppingToken)
    {
        if (!_reconciled)
        {
            await ReconcileAsync(stoppingToken).ConfigureAwait(false);
            _reconciled = true;
        }

        await recorders.ApplyAsync(await LoadCamerasAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
    }

    private async Task WaitForChangeAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAny(Task.Delay(recording.Value.CameraPoll, options.Time, stoppingToken), changes.NextChange).ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task<IReadOnlyList<CameraTarget>> LoadCamerasAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var cameras = await db.Cameras.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return cameras.Select(c =>
        {
            var target = new CameraTarget(c.Id, c.SiteId, c.Name, c.MainStreamUrl,
                string.IsNullOrEmpty(c.Username) ? null : c.Username,
                null,
                string.IsNullOrEmpty(c.SubStreamUrl) ? null : c.SubStreamUrl);
            if (!c.HasPassword)
            {
                return target;
            }

            try
            {
                var password = secrets.Unprotect(c.ProtectedPassword);
                _unreadable.TryRemove(c.Id, out _);
                return target with { Password = password };
            }
            catch (CryptographicException ex)
            {
                // One camera's secret must not cost the others their recording: this one is shown misconfigured.
                if (!_unreadable.TryGetValue(c.Id, out var known) || known != c.ProtectedPassword)
                {
                    _unreadable[c.Id] = c.ProtectedPassword;
                    LogPasswordUnreadable(logger, c.Name, ex);
                }

                return target with { Problem = "its stored stream password cannot be decrypted (were the data folder's keys/ replaced?); enter the camera's password again" };
            }
        }).ToList();
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.RecordingSegments.Where(s => s.State == SegmentState.Complete).ToListAsync(cancellationToken).ConfigureAwait(false);
        var missing = 0;
        foreach (var row in rows.Where(r => !File.Exists(Path.Combine(options.RecordingsFolder, r.Path))))
        {
            row.MarkMissing();
            missing++;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // No database below: a failure above retries the whole reconciliation, never adopts a file twice.
        var known = rows.Select(r => r.Path).ToHashSet();
        var report = RecordingRecovery.Recover(options.RecordingsFolder, known, index, logger);
        LogReconciled(logger, report.Truncated, report.Adopted, report.Deleted, missing);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: the stored stream password cannot be decrypted; the camera is shown misconfigured until its password is entered again")]
    private static partial void LogPasswordUnreadable(ILogger logger, string camera, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings reconciled: {Truncated} torn segments cut, {Adopted} adopted, {Deleted} empty deleted, {Missing} index rows whose file vanished")]
    private static partial void LogReconciled(ILogger logger, int truncated, int adopted, int deleted, int missing);
}
