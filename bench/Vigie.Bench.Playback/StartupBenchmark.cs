using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Vigie.Bench.Playback;

/// <summary>
/// Host start on the 30-day archive: from starting `dotnet vigie.dll serve --data ARCHIVE` to the first
/// `/health` 200, and to the log line "Recordings reconciled" (the recorders start right after it). With
/// <c>--baseline OTHER/vigie.dll</c> the two builds run alternately, run after run, on the same archive and
/// page cache, and the table gives both medians and their ratio.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync(PlaybackBenchOptions options, string? baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var archive = ArchiveManifest.TryRead(options.ArchiveFolder) ?? throw new InvalidOperationException($"no archive in {options.ArchiveFolder}: run the benchmark (or --build-only) first.");
        Console.WriteLine($"machine: {MachineInfo.Describe()}; load {MachineInfo.LoadAverage()}");
        Console.WriteLine($"archive: {archive.Segments} segments, {archive.Days} days, {options.ArchiveFolder}");
        var builds = new List<(string Name, string Dll)> { ("this build", options.VigieDll) };
        if (baseline is not null)
        {
            builds.Add(("baseline", Path.GetFullPath(baseline)));
        }

        var results = builds.ToDictionary(b => b.Name, _ => (Health: new List<double>(), Reconciled: new List<double>()));
        // One start first, not counted: the archive's files and the build's assemblies into the page cache.
        await StartOnceAsync(options, builds[0].Dll, cancellationToken).ConfigureAwait(false);
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (name, dll) in builds)
            {
                var (health, reconciled) = await StartOnceAsync(options, dll, cancellationToken).ConfigureAwait(false);
                results[name].Health.Add(health);
                results[name].Reconciled.Add(reconciled);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run} {name}: /health 200 after {health:0.000} s, recordings reconciled after {reconciled:0.000} s"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| build | /health 200, median s | reconciled, median s |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, _) in builds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentiles.Median(results[name].Health):0.00} | {Percentiles.Median(results[name].Reconciled):0.00} |"));
        }

        if (baseline is not null)
        {
            var ratio = Percentiles.Median(results["this build"].Health) / Percentiles.Median(results["baseline"].Health);
            var reconciledRatio = Percentiles.Median(results["this build"].Reconciled) / Percentiles.Median(results["baseline"].Reconciled);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio | {ratio:0.00}× | {reconciledRatio:0.00}× |"));
        }
    }

    private static async Task<(double Health, double Reconciled)> StartOnceAsync(PlaybackBenchOptions options, string dll, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.HttpPort}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "serve", "--data", options.ArchiveFolder, "--urls", url })
        {
            info.ArgumentList.Add(argument);
        }

        var reconciled = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Recordings reconciled", StringComparison.Ordinal) == true)
            {
                reconciled.TrySetResult(clock.Elapsed.TotalSeconds);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            double health;
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{dll} exited with {process.ExitCode}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(url + "/health"), cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        health = clock.Elapsed.TotalSeconds;
                        break;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
                {
                    // Not listening yet.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
            }

            var reconciledAt = await reconciled.Task.WaitAsync(TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
            return (health, reconciledAt);
        }
        finally
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await kill!.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
