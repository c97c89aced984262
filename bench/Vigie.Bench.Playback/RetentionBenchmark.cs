using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;
using Vigie.Media.Retention;
using Vigie.Server.Recording;
using Vigie.Storage.Database;

namespace Vigie.Bench.Playback;

/// <summary>
/// One retention pass on the 30-day archive's index, in process, on a copy of its database without the
/// archive's legal hold, at instants where 0, 5 (one pass of the default interval) and 1,440 (a day) segments
/// have expired: the host's executor (<see cref="RetentionExecutor"/> through <see cref="DbRetentionStore"/>,
/// reading each camera's segments before its cut-off) beside the former pass (every complete segment of the
/// index loaded, then <see cref="RetentionPlanner.Plan"/>), each on its own fresh copy. Files are not touched:
/// the copy's recordings folder does not exist, which both count as already deleted.
/// </summary>
public static class RetentionBenchmark
{
    private static readonly int[] Due = [0, 5, 1440];

    public static async Task RunAsync(PlaybackBenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var archive = ArchiveManifest.TryRead(options.ArchiveFolder) ?? throw new InvalidOperationException($"no archive in {options.ArchiveFolder}: run the benchmark (or --build-only) first.");
        Console.WriteLine($"machine: {MachineInfo.Describe()}; load {MachineInfo.LoadAverage()}");
        var work = Path.Combine(Path.GetTempPath(), $"vigie-bench-retention-{Environment.ProcessId}");
        Console.WriteLine("| segments due | purged | incremental pass, median ms | whole-index pass, median ms | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        try
        {
            foreach (var due in Due)
            {
                var now = archive.Start + TimeSpan.FromDays(Camera.MaxRetentionDays) + TimeSpan.FromMinutes(due);
                var incremental = new List<double>();
                var whole = new List<double>();
                var purged = 0;
                for (var run = 0; run < options.Runs; run++)
                {
                    var (ms, count) = await TimeAsync(archive, options.ArchiveFolder, work, now, IncrementalAsync, cancellationToken).ConfigureAwait(false);
                    incremental.Add(ms);
                    purged = count;
                    var (baseline, baselineCount) = await TimeAsync(archive, options.ArchiveFolder, work, now, WholeIndexAsync, cancellationToken).ConfigureAwait(false);
                    whole.Add(baseline);
                    if (baselineCount != count)
                    {
                        throw new InvalidOperationException($"the two passes disagree: {count} and {baselineCount} purged");
                    }
                }

                var a = Percentiles.Median(incremental);
                var b = Percentiles.Median(whole);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {due:N0} | {purged:N0} | {a:0.0} | {b:0.0} | {a / b:0.000}× |"));
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private delegate Task<int> Pass(VigieDbFactory factory, string recordings, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A fresh copy of the index without the archive's hold, then the pass, timed alone.</summary>
    private static async Task<(double Ms, int Purged)> TimeAsync(ArchiveManifest archive, string archiveFolder, string work, DateTimeOffset now, Pass pass, CancellationToken cancellationToken)
    {
        // A folder of its own per pass: SQLite's pooled connections must never see another pass's copy.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        work = Path.Combine(work, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        File.Copy(Path.Combine(archiveFolder, "vigie.db"), Path.Combine(work, "vigie.db"));
        var factory = new VigieDbFactory(DatabaseSettings.SqliteInFolder(work));
        await using (var db = factory.CreateDbContext())
        {
            await db.LegalHolds.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            // Warm the connection and the index pages as the host's would be.
            await db.RecordingSegments.Where(s => s.CameraId == new CameraId(archive.CameraId)).OrderBy(s => s.StartsAt).FirstAsync(cancellationToken).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var purged = await pass(factory, Path.Combine(work, "recordings"), now, cancellationToken).ConfigureAwait(false);
        return (clock.Elapsed.TotalMilliseconds, purged);
    }

    private static async Task<int> IncrementalAsync(VigieDbFactory factory, string recordings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var executor = new RetentionExecutor(recordings, new RetentionOptions { MinimumFreeBytes = 0 }, new DbRetentionStore(factory), new NoEvents(), new Plenty(), new FixedClock(now), NullLogger.Instance);
        var result = await executor.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return result.Expired + result.LowDisk;
    }

    /// <summary>The pass as it was: the whole index in memory, planned, the due rows removed with their purge-log rows.</summary>
    private static async Task<int> WholeIndexAsync(VigieDbFactory factory, string recordings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<RecordingSegment> segments;
        List<LegalHold> holds;
        Dictionary<CameraId, int> retention;
        await using (var db = factory.CreateDbContext())
        {
            segments = await db.RecordingSegments.AsNoTracking().Where(s => s.State == SegmentState.Complete).ToListAsync(cancellationToken).ConfigureAwait(false);
            holds = await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
            retention = await db.Cameras.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.RetentionDays, cancellationToken).ConfigureAwait(false);
        }

        var plan = RetentionPlanner.Plan(segments, holds, c => retention.GetValueOrDefault(c, Camera.DefaultRetentionDays), now, long.MaxValue / 2, 0);
        foreach (var decision in plan)
        {
            try
            {
                File.Delete(Path.Combine(recordings, decision.Segment.Path));
            }
            catch (DirectoryNotFoundException)
            {
                // As in the executor: already gone.
            }
        }

        await new DbRetentionStore(factory).RecordPurgesAsync(plan, now, cancellationToken).ConfigureAwait(false);
        return plan.Count;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class NoEvents : ICameraEvents
    {
        public Task WriteAsync(CameraEvent cameraEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Plenty : IFreeSpaceProbe
    {
        public long FreeBytes(string folder) => long.MaxValue / 2;
    }
}
