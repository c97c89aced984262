using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Recording;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Recording;

/// <summary>
/// Continuous recording of every camera. At start it reconciles disk and index (torn segments cut and
/// adopted, orphans indexed, rows whose file vanished marked missing), then runs one
/// <see cref="CameraRecorder"/> per camera and picks up cameras added later (checked every 30 s).
/// </summary>
public sealed partial class RecordingService(
    VigieHostOptions options,
    VigieDbFactory dbFactory,
    SegmentIndexWriter index,
    LogbookWriter logbook,
    SecretProtector secrets,
    CameraChanges changes,
    ILogger<RecordingService> logger) : BackgroundService
{
    private static readonly TimeSpan CameraPoll = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<CameraId, (CameraRecorder Recorder, Task Task)> _running = new();

    public IReadOnlyDictionary<CameraId, CameraRecorder> Recorders => _running.ToDictionary(r => r.Key, r => r.Value.Recorder);

    /// <summary>The recorder of a camera, when it runs: its fan-out feeds live viewers.</summary>
    public CameraRecorder? RecorderOf(CameraId camera) => _running.TryGetValue(camera, out var running) ? running.Recorder : null;

    public CameraStatus StatusOf(CameraId camera) =>
        _running.TryGetValue(camera, out var running) && running.Recorder.Status.CameraId != Guid.Empty ? running.Recorder.Status : CameraStatus.Unknown(camera.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReconcileAsync(stoppingToken).ConfigureAwait(false);
        var indexing = index.RunAsync(stoppingToken);
        var context = new VigieRecordingContext(options, index, logbook, options.Time);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var camera in await LoadCamerasAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (!_running.ContainsKey(camera.Id))
                    {
                        var recorder = new CameraRecorder(camera, context, logger);
                        _running[camera.Id] = (recorder, Task.Run(() => recorder.RunAsync(stoppingToken), stoppingToken));
                        LogRecording(logger, camera.Name, camera.Url);
                    }
                }

                await Task.WhenAny(Task.Delay(CameraPoll, options.Time, stoppingToken), changes.NextChange).ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: recorders close their segments.
        }

        await Task.WhenAll(_running.Values.Select(r => r.Task)).ConfigureAwait(false);
        await indexing.ConfigureAwait(false);
        await index.DrainAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<CameraTarget>> LoadCamerasAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var cameras = await db.Cameras.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return cameras.Select(c => new CameraTarget(c.Id, c.SiteId, c.Name, c.MainStreamUrl,
            string.IsNullOrEmpty(c.Username) ? null : c.Username,
            c.HasPassword ? secrets.Unprotect(c.ProtectedPassword) : null,
            string.IsNullOrEmpty(c.SubStreamUrl) ? null : c.SubStreamUrl)).ToList();
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
        var known = rows.Select(r => r.Path).ToHashSet();
        var report = RecordingRecovery.Recover(options.RecordingsFolder, known, index, logger);
        await index.DrainAsync().ConfigureAwait(false);
        LogReconciled(logger, report.Truncated, report.Adopted, report.Deleted, missing);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording camera {Camera} from {Url}")]
    private static partial void LogRecording(ILogger logger, string camera, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings reconciled: {Truncated} torn segments cut, {Adopted} adopted, {Deleted} empty deleted, {Missing} index rows whose file vanished")]
    private static partial void LogReconciled(ILogger logger, int truncated, int adopted, int deleted, int missing);
}
