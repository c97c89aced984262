using Microsoft.Extensions.Logging;
using Vigie.Domain.Cameras;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;

namespace Vigie.Media.Retention;

/// <summary>
/// Applies the retention rules (<see cref="RetentionPlanner"/>): deletes expired segments and, under the
/// free-space mark, the oldest ones; never a segment under legal hold. Every deletion gets a purge-log
/// row (what, when, why) through <see cref="IRetentionStore"/>; a low disk raises a technical event through
/// <see cref="ICameraEvents"/>. Runs on the injected clock and is tested without a web host.
/// </summary>
public sealed partial class RetentionExecutor(
    string recordingsFolder,
    RetentionOptions options,
    IRetentionStore store,
    ICameraEvents events,
    IFreeSpaceProbe freeSpace,
    TimeProvider time,
    ILogger logger)
{
    public sealed record Result(int Expired, int LowDisk, long FreedBytes, bool StillLow);

    public async Task<Result> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minimumFree = options.MinimumFreeBytes;
        var state = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        var free = freeSpace.FreeBytes(recordingsFolder);
        var plan = RetentionPlanner.Plan(state.Segments, state.Holds, camera => state.RetentionDays.GetValueOrDefault(camera, Camera.DefaultRetentionDays), now, free, minimumFree);

        long freed = 0;
        var purged = new List<PurgeDecision>(plan.Count);
        foreach (var decision in plan)
        {
            var path = Path.Combine(recordingsFolder, decision.Segment.Path);
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                LogDeleteFailed(logger, path, ex);
                continue;
            }

            freed += decision.Segment.Bytes;
            purged.Add(decision);
        }

        await store.RecordPurgesAsync(purged, now, cancellationToken).ConfigureAwait(false);
        var expired = purged.Count(d => d.Reason == PurgeReason.RetentionExpired);
        var lowDisk = purged.Count(d => d.Reason == PurgeReason.LowDiskSpace);
        var stillLow = free + freed < minimumFree;
        if (purged.Count > 0)
        {
            LogPurged(logger, expired, lowDisk, freed);
        }

        if (lowDisk > 0 || stillLow)
        {
            var text = stillLow
                ? $"Espace disque insuffisant pour les enregistrements : {(free + freed) / 1_000_000} Mo libres (seuil {minimumFree / 1_000_000} Mo) même après purge ; les segments sous conservation judiciaire sont préservés."
                : $"Espace disque bas : {lowDisk} segment(s) les plus anciens supprimés pour libérer {freed / 1_000_000} Mo (seuil {minimumFree / 1_000_000} Mo).";
            await events.WriteAsync(new CameraEvent(CameraEventKind.LowDiskSpace, null, null, text), cancellationToken).ConfigureAwait(false);
        }

        return new Result(expired, lowDisk, freed, stillLow);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Expired} expired and {LowDisk} low-disk segments deleted ({Bytes} bytes)")]
    private static partial void LogPurged(ILogger logger, int expired, int lowDisk, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention could not delete {Path}; kept in the index")]
    private static partial void LogDeleteFailed(ILogger logger, string path, Exception exception);
}
