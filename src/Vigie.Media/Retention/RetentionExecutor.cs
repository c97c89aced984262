using Microsoft.Extensions.Logging;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;

namespace Vigie.Media.Retention;

/// <summary>
/// Applies the retention rules (<see cref="RetentionPlanner"/>): deletes expired segments and, under the
/// free-space mark, the oldest ones; never a segment under legal hold. Every deletion gets a purge-log
/// row (what, when, why) through <see cref="IRetentionStore"/>; a low disk raises a technical event through
/// <see cref="ICameraEvents"/>. Runs on the injected clock and is tested without a web host.
/// <para>
/// A pass reads each camera's segments that started before its cut-off, a page at a time, and under the mark
/// merges the cameras' oldest pages: its cost follows what it purges (one index seek per camera when nothing
/// is due), not the archive (decision 0022).
/// </para>
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

    /// <summary>Segments read per query: a page of a camera's oldest ones.</summary>
    public const int PageSize = 256;

    public async Task<Result> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minimumFree = options.MinimumFreeBytes;
        var state = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        var free = freeSpace.FreeBytes(recordingsFolder);
        var pass = new Pass(this, state, now);

        // Rule 1, camera by camera: only the segments that started before the camera's cut-off are read.
        foreach (var camera in state.RecordedCameras)
        {
            await pass.PurgeExpiredAsync(camera, cancellationToken).ConfigureAwait(false);
        }

        // Rule 2, only while the disk is under the mark: the oldest segments of every camera, merged by start.
        if (free + pass.Freed < minimumFree)
        {
            await pass.PurgeOldestAsync(minimumFree - free, cancellationToken).ConfigureAwait(false);
        }

        var stillLow = free + pass.Freed < minimumFree;
        if (pass.Expired + pass.LowDisk > 0)
        {
            LogPurged(logger, pass.Expired, pass.LowDisk, pass.Freed);
        }

        if (pass.LowDisk > 0 || stillLow)
        {
            var text = stillLow
                ? $"Espace disque insuffisant pour les enregistrements : {(free + pass.Freed) / 1_000_000} Mo libres (seuil {minimumFree / 1_000_000} Mo) même après purge ; les segments sous conservation judiciaire sont préservés."
                : $"Espace disque bas : {pass.LowDisk} segment(s) les plus anciens supprimés pour libérer {pass.Freed / 1_000_000} Mo (seuil {minimumFree / 1_000_000} Mo).";
            await events.WriteAsync(new CameraEvent(CameraEventKind.LowDiskSpace, null, null, text), cancellationToken).ConfigureAwait(false);
        }

        return new Result(pass.Expired, pass.LowDisk, pass.Freed, stillLow);
    }

    /// <summary>Deletes the files of <paramref name="decisions"/>, then records the ones that went; a file that cannot be deleted stays indexed.</summary>
    private async Task<(long Freed, int Purged)> PurgeAsync(IReadOnlyList<PurgeDecision> decisions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long freed = 0;
        var purged = new List<PurgeDecision>(decisions.Count);
        foreach (var decision in decisions)
        {
            var path = Path.Combine(recordingsFolder, decision.Segment.Path);
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // Already gone with its folder (deleted by hand, a disk replaced): the row goes, logged as purged.
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
        return (freed, purged.Count);
    }

    private Task<IReadOnlyList<RecordingSegment>> OldestAsync(CameraId camera, DateTimeOffset? after, DateTimeOffset? before, int limit, CancellationToken cancellationToken) =>
        store.OldestAsync(camera, after, before, limit, cancellationToken);

    /// <summary>One run of the rules, with its counts.</summary>
    private sealed class Pass(RetentionExecutor executor, RetentionState state, DateTimeOffset now)
    {
        public int Expired { get; private set; }

        public int LowDisk { get; private set; }

        public long Freed { get; private set; }

        public async Task PurgeExpiredAsync(CameraId camera, CancellationToken cancellationToken)
        {
            var days = state.RetentionDays.GetValueOrDefault(camera, Camera.DefaultRetentionDays);
            var cutoff = RetentionPlanner.ExpiryCutoff(days, now);
            DateTimeOffset? after = null;
            while (true)
            {
                var page = await executor.OldestAsync(camera, after, cutoff, PageSize, cancellationToken).ConfigureAwait(false);
                var decisions = page
                    .Where(s => RetentionPlanner.IsExpired(s, days, now) && !RetentionPlanner.IsHeld(s, state.Holds))
                    .Select(s => new PurgeDecision(s, PurgeReason.RetentionExpired))
                    .ToList();
                var (freed, purged) = await executor.PurgeAsync(decisions, now, cancellationToken).ConfigureAwait(false);
                Freed += freed;
                Expired += purged;
                if (page.Count < PageSize)
                {
                    return;
                }

                after = page[^1].StartsAt;
            }
        }

        /// <summary>The oldest segments of all cameras, in start order (a merge of each camera's oldest page), until <paramref name="needed"/> bytes are freed.</summary>
        public async Task PurgeOldestAsync(long needed, CancellationToken cancellationToken)
        {
            var pages = new Dictionary<CameraId, Queue<RecordingSegment>>();
            var exhausted = new HashSet<CameraId>();
            var oldest = new PriorityQueue<CameraId, DateTimeOffset>();
            foreach (var camera in state.RecordedCameras)
            {
                if (await RefillAsync(camera, null, cancellationToken).ConfigureAwait(false) is { } first)
                {
                    oldest.Enqueue(camera, first);
                }
            }

            var batch = new List<PurgeDecision>();
            long planned = 0;
            while (planned < needed && oldest.TryDequeue(out var camera, out _))
            {
                var segment = pages[camera].Dequeue();
                if (!RetentionPlanner.IsHeld(segment, state.Holds))
                {
                    batch.Add(new PurgeDecision(segment, PurgeReason.LowDiskSpace));
                    planned += segment.Bytes;
                }

                var next = pages[camera].Count > 0 ? pages[camera].Peek().StartsAt : await RefillAsync(camera, segment.StartsAt, cancellationToken).ConfigureAwait(false);
                if (next is { } start)
                {
                    oldest.Enqueue(camera, start);
                }

                if (batch.Count == PageSize)
                {
                    await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }

            await FlushAsync(batch, cancellationToken).ConfigureAwait(false);

            async Task<DateTimeOffset?> RefillAsync(CameraId camera, DateTimeOffset? after, CancellationToken ct)
            {
                if (exhausted.Contains(camera))
                {
                    return null;
                }

                var page = await executor.OldestAsync(camera, after, null, PageSize, ct).ConfigureAwait(false);
                if (page.Count < PageSize)
                {
                    exhausted.Add(camera);
                }

                pages[camera] = new Queue<RecordingSegment>(page);
                return page.Count > 0 ? page[0].StartsAt : null;
            }
        }

        private async Task FlushAsync(List<PurgeDecision> batch, CancellationToken cancellationToken)
        {
            if (batch.Count == 0)
            {
                return;
            }

            var (freed, purged) = await executor.PurgeAsync(batch, now, cancellationToken).ConfigureAwait(false);
            Freed += freed;
            LowDisk += purged;
            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Expired} expired and {LowDisk} low-disk segments deleted ({Bytes} bytes)")]
    private static partial void LogPurged(ILogger logger, int expired, int lowDisk, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention could not delete {Path}; kept in the index")]
    private static partial void LogDeleteFailed(ILogger logger, string path, Exception exception);
}
