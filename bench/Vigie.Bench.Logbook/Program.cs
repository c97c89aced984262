using System.CommandLine;
using System.Runtime.InteropServices;
using Vigie.Bench.Logbook;
using Vigie.Bench.Logbook.Micro;

var providers = new Option<string[]>("--provider")
{
    Description = "Providers to measure: sqlite, postgres (repeat the option for both).",
    DefaultValueFactory = _ => ["sqlite", "postgres"],
    AllowMultipleArgumentsPerToken = true,
};
providers.AcceptOnlyFromAmong("sqlite", "postgres");
var postgres = new Option<string?>("--postgres")
{
    Description = "postgres:// URL of a role with CREATEDB (scripts/start-postgres.sh prints one). Default: $VIGIE_BENCH_POSTGRES.",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VIGIE_BENCH_POSTGRES"),
};
var singles = new Option<int>("--singles") { Description = "Entries per run, one transaction each.", DefaultValueFactory = _ => 2_000 };
var batched = new Option<int>("--batched") { Description = "Entries per run of the batched scenario.", DefaultValueFactory = _ => 50_000 };
var batchSize = new Option<int>("--batch-size") { Description = "Entries per transaction when batching.", DefaultValueFactory = _ => 1_000 };
var verifyEntries = new Option<int>("--verify-entries") { Description = "Size of the journal to verify; 0 skips verify.", DefaultValueFactory = _ => 1_000_000 };
var runs = new Option<int>("--runs") { Description = "Repetitions of the append scenarios (median reported).", DefaultValueFactory = _ => 5 };
var verifyRuns = new Option<int>("--verify-runs") { Description = "Repetitions of the verify scenario (median reported).", DefaultValueFactory = _ => 3 };
var keep = new Option<bool>("--keep") { Description = "Keep the benchmark databases afterwards." };
var quick = new Option<bool>("--quick") { Description = "BenchmarkDotNet ShortRun instead of the default job." };

var root = new RootCommand("Vigie log book benchmark: chained appends and verification on SQLite and PostgreSQL.")
{
    providers, postgres, singles, batched, batchSize, verifyEntries, runs, verifyRuns, keep,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new BenchOptions
    {
        Providers = parse.GetValue(providers)!.Distinct().ToArray(),
        PostgresUrl = parse.GetValue(postgres),
        Singles = parse.GetValue(singles),
        Batched = parse.GetValue(batched),
        BatchSize = parse.GetValue(batchSize),
        VerifyEntries = parse.GetValue(verifyEntries),
        Runs = parse.GetValue(runs),
        VerifyRuns = parse.GetValue(verifyRuns),
        Keep = parse.GetValue(keep),
    };
    if (options.Singles < 1 || options.Batched < 1 || options.BatchSize < 1 || options.Runs < 1 || options.VerifyRuns < 1 || options.VerifyEntries < 0)
    {
        await Console.Error.WriteLineAsync("Counts must be positive (--verify-entries may be 0 to skip verify).").ConfigureAwait(false);
        return 2;
    }

    Console.WriteLine($"Vigie log book benchmark — {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores");
    Console.WriteLine($"  singles {options.Singles:N0} × {options.Runs}, batched {options.Batched:N0} ({options.BatchSize:N0}/tx) × {options.Runs}, verify {options.VerifyEntries:N0} × {options.VerifyRuns}");
    var results = await LogbookBenchmark.RunAsync(options, cancellationToken).ConfigureAwait(false);
    Console.WriteLine();
    Console.WriteLine(ReportTable.Render(results));
    return 0;
});

var micro = new Command("micro", "BenchmarkDotNet micro-benchmark of the chain's per-entry cost (hash, next entry, verifier check), with allocations.")
{
    quick,
};
micro.SetAction(parse => Vigie.Bench.InProcessBenchmarks.Run<Vigie.Bench.Logbook.Micro.LogbookChainBenchmarks>(parse.GetValue(quick)));
root.Subcommands.Add(micro);

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
