using Vigie.Bench;
using System.Globalization;
using Vigie.Media.Recording;

namespace Vigie.Bench.Playback;

/// <summary>
/// Builds (or reuses) the archive, starts the host on it, signs in, and per run times random seeks over the
/// whole archive four ways: a new socket per seek (upgrade request → first fragment) and seeks inside one
/// open session (<c>seek</c> sent → first fragment after its <c>seeked</c>), each with the page cache warm
/// (the seeked files read beforehand) and dropped before every seek. Prints each run, then the median of
/// the runs for every percentile.
/// </summary>
public static class SeekBenchmark
{
    private const double FloorMs = 300;
    private const int WarmUpSeeks = 20;

    public static async Task RunAsync(PlaybackBenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = TimeProvider.System;
        Console.WriteLine($"# Vigie playback seek benchmark — {MachineInfo.Describe()}");
        Console.WriteLine($"load average at start: {MachineInfo.LoadAverage()}");
        var archive = await ArchiveBuilder.EnsureAsync(options, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive: {archive.Segments} segments of 60 s, {archive.Start:yyyy-MM-dd HH:mm} → {archive.End:yyyy-MM-dd HH:mm} UTC, {archive.Bytes / 1e9:0.00} GB; {archive.Source}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive build: encode {archive.EncodeSeconds:0.0} s, write {archive.WriteSeconds:0} s, index {archive.IndexSeconds:0.0} s"));
        if (options.BuildOnly)
        {
            return;
        }

        var cold = options.ColdSeeks > 0 && PageCache.CanDrop;
        if (options.ColdSeeks > 0 && !cold)
        {
            Console.WriteLine("cold seeks skipped: dropping the page cache needs root");
        }

        var logPath = Path.Combine(Path.GetDirectoryName(options.ArchiveFolder)!, "host.log");
        await using var host = await HostProcess.StartAsync(options, logPath, cancellationToken).ConfigureAwait(false);
        var cookie = await host.SignInAsync(archive.UserName, archive.Password, cancellationToken).ConfigureAwait(false);
        var seeker = new Seeker(host.BaseAddress, cookie, archive, TimeSpan.FromMilliseconds(options.PauseMs), time);

        // JIT, connection pools and the database's first pages: not measured.
        var warmUp = new Random(options.Seed);
        await seeker.NewSocketsAsync(Instants(warmUp, archive, WarmUpSeeks), dropCache: false, cancellationToken).ConfigureAwait(false);
        await seeker.InSessionAsync(Instants(warmUp, archive, WarmUpSeeks + 1), dropCache: false, cancellationToken).ConfigureAwait(false);

        var runs = new List<Dictionary<SeekScenario, List<SeekTiming>>>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var random = new Random(options.Seed + run);
            var results = new Dictionary<SeekScenario, List<SeekTiming>>();
            var warmInstants = Instants(random, archive, options.Seeks);
            var sessionInstants = Instants(random, archive, options.Seeks + 1);
            var warmed = await PageCache.WarmAsync(FilesAround(options.ArchiveFolder, archive, warmInstants.Concat(sessionInstants)), cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {warmed / 1e6:0.0} MB of segments and index read into the page cache; load {MachineInfo.LoadAverage()}"));
            results[SeekScenario.WarmNewSocket] = await seeker.NewSocketsAsync(warmInstants, dropCache: false, cancellationToken).ConfigureAwait(false);
            Report(run, SeekScenario.WarmNewSocket, results[SeekScenario.WarmNewSocket]);
            results[SeekScenario.WarmInSession] = await seeker.InSessionAsync(sessionInstants, dropCache: false, cancellationToken).ConfigureAwait(false);
            Report(run, SeekScenario.WarmInSession, results[SeekScenario.WarmInSession]);
            if (cold)
            {
                results[SeekScenario.ColdNewSocket] = await seeker.NewSocketsAsync(Instants(random, archive, options.ColdSeeks), dropCache: true, cancellationToken).ConfigureAwait(false);
                Report(run, SeekScenario.ColdNewSocket, results[SeekScenario.ColdNewSocket]);
                results[SeekScenario.ColdInSession] = await seeker.InSessionAsync(Instants(random, archive, options.ColdSeeks + 1), dropCache: true, cancellationToken).ConfigureAwait(false);
                Report(run, SeekScenario.ColdInSession, results[SeekScenario.ColdInSession]);
            }

            runs.Add(results);
        }

        PrintTable(options, runs);
        Console.WriteLine($"load average at end: {MachineInfo.LoadAverage()}");
    }

    /// <summary>Random instants over the archive, to the millisecond, leaving its last 20 s (a full read-ahead) out.</summary>
    private static List<DateTimeOffset> Instants(Random random, ArchiveManifest archive, int count)
    {
        var span = (long)(archive.End - archive.Start - TimeSpan.FromSeconds(20)).TotalMilliseconds;
        return [.. Enumerable.Range(0, count).Select(_ => archive.Start.AddMilliseconds(random.NextInt64(span)))];
    }

    /// <summary>The database, and for each instant the segment holding it and the next (the read-ahead may run into it).</summary>
    private static IEnumerable<string> FilesAround(string folder, ArchiveManifest archive, IEnumerable<DateTimeOffset> instants)
    {
        yield return Path.Combine(folder, "vigie.db");
        yield return Path.Combine(folder, "vigie.db-wal");
        var recordings = Path.Combine(folder, "recordings");
        foreach (var at in instants)
        {
            var minute = archive.Start.AddMinutes(Math.Floor((at - archive.Start).TotalMinutes));
            yield return Path.Combine(recordings, RecordingPaths.RelativePath(archive.CameraFolder, minute));
            yield return Path.Combine(recordings, RecordingPaths.RelativePath(archive.CameraFolder, minute.AddMinutes(1)));
        }
    }

    private static void Report(int run, SeekScenario scenario, List<SeekTiming> timings)
    {
        var ms = timings.Select(t => t.ToFragmentMs).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run} {Name(scenario)}: {timings.Count} seeks, first fragment p50 {Percentiles.Of(ms, 50):0.0} p95 {Percentiles.Of(ms, 95):0.0} p99 {Percentiles.Of(ms, 99):0.0} max {ms.Max():0.0} ms; seeked p50 {Percentiles.Of(timings.Select(t => t.ToSeekedMs), 50):0.0} p95 {Percentiles.Of(timings.Select(t => t.ToSeekedMs), 95):0.0} ms; {timings.Count(t => !t.Consistent)} inconsistent; load {MachineInfo.LoadAverage()}"));
    }

    private static void PrintTable(PlaybackBenchOptions options, List<Dictionary<SeekScenario, List<SeekTiming>>> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"Request → first fragment received, ms (median of {runs.Count} runs; each run's value in brackets). Floor: p95 < {FloorMs:0} ms.");
        Console.WriteLine();
        Console.WriteLine("| Seek | Seeks per run | p50 | p95 | p99 | max | p95 to `seeked` | Floor |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var scenario in Enum.GetValues<SeekScenario>())
        {
            var timings = runs.Where(r => r.ContainsKey(scenario)).Select(r => r[scenario]).ToList();
            if (timings.Count == 0)
            {
                continue;
            }

            string Cell(Func<List<SeekTiming>, double> figure)
            {
                var values = timings.Select(figure).ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Median(values):0} ({string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))})");
            }

            var p95 = Percentiles.Median(timings.Select(t => Percentiles.Of(t.Select(s => s.ToFragmentMs), 95)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Name(scenario)} | {timings[0].Count} | {Cell(t => Percentiles.Of(t.Select(s => s.ToFragmentMs), 50))} | {Cell(t => Percentiles.Of(t.Select(s => s.ToFragmentMs), 95))} | {Cell(t => Percentiles.Of(t.Select(s => s.ToFragmentMs), 99))} | {Cell(t => t.Max(s => s.ToFragmentMs))} | {Cell(t => Percentiles.Of(t.Select(s => s.ToSeekedMs), 95))} | {(p95 < FloorMs ? "holds" : "fails")} |"));
        }

        var inconsistent = runs.Sum(r => r.Values.Sum(t => t.Count(s => !s.Consistent)));
        Console.WriteLine();
        Console.WriteLine($"{inconsistent} seek(s) whose first fragment was not the keyframe at or just before the instant; {options.PauseMs} ms pause after each new socket's close.");
    }

    private static string Name(SeekScenario scenario) => scenario switch
    {
        SeekScenario.WarmNewSocket => "new socket, warm cache",
        SeekScenario.WarmInSession => "in session, warm cache",
        SeekScenario.ColdNewSocket => "new socket, cold cache",
        _ => "in session, cold cache",
    };
}
