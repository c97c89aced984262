using Vigie.Bench.Alarms;
using Vigie.Bench.Alarms.Parse;

// Modes: throughput (default), flood, store, parse. See bench/README.md.
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

switch (options.Mode)
{
    case "throughput":
        Console.WriteLine($"throughput: {options.Connections} lines × {options.AccountsPerConnection} accounts, window {options.Window}, rate {(options.Rate > 0 ? options.Rate : "max")}, {options.Runs} runs of {options.Duration.TotalSeconds} s after {options.Warmup.TotalSeconds} s warm-up; host {options.VigieDll}");
        var results = await ThroughputRun.RunAsync(options, cancel.Token);
        Console.WriteLine("| Database | Lines | Offered events/s | Window | Runs | Median events/s | Min – max | p50 ms | p95 ms | p99 ms | Host CPU | Host µs/event | Load gen. µs/event | Load avg | Stored = acked |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        Console.WriteLine(ThroughputRun.Summary(options, results));
        return results.All(r => r.Check.Ok) ? 0 : 1;
    case "flood":
        await FloodRun.RunAsync(options, cancel.Token);
        return 0;
    case "store":
        Console.WriteLine("| Database | Batch | Variant | Median signals/s | Min – max |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: |");
        foreach (var batch in new[] { 100, 1000 })
        {
            await StoreRun.RunAsync(options, batch, cancel.Token);
        }

        return 0;
    case "parse":
        Vigie.Bench.InProcessBenchmarks.Run<FrameBenchmarks>(options.Quick);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown mode {options.Mode}: throughput, flood, store or parse");
        return 2;
}
