using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigie.Domain.Logbook;
using Vigie.Domain.Recordings;
using Vigie.Media.Retention;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Recording;

/// <summary>
/// Applies the retention rules (<see cref="RetentionPlanner"/>): deletes expired segments and, under the
/// free-space mark, the oldest ones; never a segment under legal hold. Every deletion gets a purge-log
/// row (what, when, why); a disk still under the mark afterwards raises a technical event.
/// </summary>
public sealed partial class RetentionExecutor(
    VigieHostOptions options,
    VigieDbFactory dbFactory,
    LogbookWriter logbook,
    IOptions<RetentionOptions> retentionOptions,
    IFreeSpaceProbe freeSpace,
    ILogger<RetentionExecutor> logger)
{
    public sealed record Result(int Expired, int LowDisk, long FreedBytes, bool StillLow);

    public async Task<Result> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = options.Time.GetUtcNow();
        var minimumFree = retentionOptions.Value.MinimumFreeBytes;
        await using var db = dbFactory.CreateDbContext();
        var segments = await db.RecordingSegments.Where(s => s.State == SegmentState.Complete).ToListAsync(cancellationToken).ConfigureAwait(false);
        var holds = await db.LegalHolds.Where(h => h.ReleasedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        var retention = await db.Cameras.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.RetentionDays, cancellationToken).ConfigureAwait(false);
        var free = freeSpace.FreeBytes(options.RecordingsFolder);
        var plan = RetentionPlanner.Plan(segments, holds, camera => retention.GetValueOrDefault(camera, Domain.Cameras.Camera.DefaultRetentionDays), now, free, minimumFree);

        long freed = 0;
        foreach (var decision in plan)
        {
            var path = Path.Combine(options.RecordingsFolder, decision.Segment.Path);
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                LogDeleteFailed(logger, path, ex.Message);
                continue;
            }

            freed += decision.Segment.Bytes;
            db.PurgeLog.Add(new PurgeRecord(decision.Segment, decision.Reason, now));
            db.RecordingSegments.Remove(decision.Segment);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var expired = plan.Count(d => d.Reason == PurgeReason.RetentionExpired);
        var lowDisk = plan.Count(d => d.Reason == PurgeReason.LowDiskSpace);
        var stillLow = free + freed < minimumFree;
        if (plan.Count > 0)
        {
            LogPurged(logger, expired, lowDisk, freed);
        }

        if (lowDisk > 0 || stillLow)
        {
            var text = stillLow
                ? $"Espace disque insuffisant pour les enregistrements : {(free + freed) / 1_000_000} Mo libres (seuil {minimumFree / 1_000_000} Mo) même après purge ; les segments sous conservation judiciaire sont préservés."
                : $"Espace disque bas : {lowDisk} segment(s) les plus anciens supprimés pour libérer {freed / 1_000_000} Mo (seuil {minimumFree / 1_000_000} Mo).";
            await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical, text), cancellationToken).ConfigureAwait(false);
        }

        return new Result(expired, lowDisk, freed, stillLow);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Expired} expired and {LowDisk} low-disk segments deleted ({Bytes} bytes)")]
    private static partial void LogPurged(ILogger logger, int expired, int lowDisk, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention could not delete {Path}: {Reason}; kept in the index")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);
}
