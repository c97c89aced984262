using Vigie.Bench;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Media.Playback;
using Vigie.Server.Audit;
using Vigie.Server.Playback;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Bench.Playback;

/// <summary>
/// `components`: the pieces of the server's seek path timed one by one in this process, on the archive
/// (no host running), to say where a seek's time goes: the index query (RecordingQueries.PlayableAfterAsync
/// through the host's DbRecordedSegmentSource), the parse of one segment file (RecordedSegmentFile.Read),
/// the cursor's whole seek up to its first fragment (query + open + parse + read), and the audit entry a
/// new socket writes before the upgrade (a durable log-book append). Cold: the page cache is dropped
/// before each piece.
/// </summary>
public static class ComponentProbe
{
    public static async Task RunAsync(PlaybackBenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = TimeProvider.System;
        Console.WriteLine($"# Vigie playback seek path, piece by piece — {MachineInfo.Describe()}");
        Console.WriteLine($"load average at start: {MachineInfo.LoadAverage()}");
        var archive = ArchiveManifest.TryRead(options.ArchiveFolder) ?? throw new InvalidOperationException($"no archive in {options.ArchiveFolder}: run the benchmark (or --build-only) first.");
        var factory = new VigieDbFactory(DatabaseSettings.SqliteInFolder(options.ArchiveFolder));
        var source = new DbRecordedSegmentSource(factory, new CameraId(archive.CameraId), Path.Combine(options.ArchiveFolder, "recordings"), () => null);
        using var logbook = new LogbookWriter(factory, time, [], NullLogger<LogbookWriter>.Instance);
        var audit = new AuditLog(logbook);
        var random = new Random(options.Seed);
        var span = (long)(archive.End - archive.Start - TimeSpan.FromSeconds(20)).TotalMilliseconds;

        foreach (var cold in new[] { false, true })
        {
            if (cold && !PageCache.CanDrop)
            {
                Console.WriteLine("cold pieces skipped: dropping the page cache needs root");
                break;
            }

            var count = cold ? options.ColdSeeks : options.Seeks;
            if (!cold)
            {
                await PageCache.WarmAsync([Path.Combine(options.ArchiveFolder, "vigie.db"), Path.Combine(options.ArchiveFolder, "vigie.db-wal")], cancellationToken).ConfigureAwait(false);
            }

            var query = new List<double>();
            var parse = new List<double>();
            var seek = new List<double>();
            var append = new List<double>();
            for (var i = 0; i < count + (cold ? 0 : 10); i++)
            {
                var at = archive.Start.AddMilliseconds(random.NextInt64(span));
                async Task<double> TimeAsync(Func<Task> piece)
                {
                    if (cold)
                    {
                        await PageCache.DropAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var started = time.GetTimestamp();
                    await piece().ConfigureAwait(false);
                    return time.GetElapsedTime(started).TotalMilliseconds;
                }

                IReadOnlyList<RecordedSegmentRef> found = [];
                var q = await TimeAsync(async () => found = await source.EndingAfterAsync(at, 16, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                if (!cold)
                {
                    // Warm means the segment's pages are cached: read it before its parse is timed.
                    await PageCache.WarmAsync(found.Take(2).Select(f => f.FullPath), cancellationToken).ConfigureAwait(false);
                }

                var p = await TimeAsync(() => Task.FromResult(RecordedSegmentFile.Read(found[0].FullPath))).ConfigureAwait(false);
                var s = await TimeAsync(async () =>
                {
                    using var cursor = new PlaybackCursor(source, NullLogger.Instance);
                    _ = await cursor.SeekAsync(at, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"nothing at {at:O}");
                    while (await cursor.NextAsync(cancellationToken).ConfigureAwait(false) is { Kind: not PlaybackChunkKind.Fragment })
                    {
                        // The init segment comes first.
                    }
                }).ConfigureAwait(false);
                var a = await TimeAsync(() => audit.WriteAsync(AuditCategory.PlaybackStarted, "Banc d'essai : écriture d'audit chronométrée", null, "bench", cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (cold || i >= 10)
                {
                    query.Add(q);
                    parse.Add(p);
                    seek.Add(s);
                    append.Add(a);
                }
            }

            var cache = cold ? "cold" : "warm";
            Row($"index query (16 segments), {cache}", query);
            Row($"parse one segment file, {cache}", parse);
            Row($"cursor seek → first fragment, {cache}", seek);
            Row($"audit append (durable), {cache}", append);
        }

        Console.WriteLine($"load average at end: {MachineInfo.LoadAverage()}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static void Row(string name, List<double> ms) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {ms.Count} | {Percentiles.Of(ms, 50):0.00} | {Percentiles.Of(ms, 95):0.00} | {ms.Max():0.00} |"));
}
