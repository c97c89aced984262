namespace Vigie.Bench.Logbook;

/// <summary>What one run of the benchmark measures. Defaults are the figures published in docs/benchmarks.md.</summary>
public sealed record BenchOptions
{
    /// <summary>Providers to measure, in order: "sqlite", "postgres".</summary>
    public required IReadOnlyList<string> Providers { get; init; }

    /// <summary>postgres:// URL of a role with CREATEDB; the benchmark creates and drops its own databases beside it.</summary>
    public string? PostgresUrl { get; init; }

    /// <summary>Entries per run of the one-transaction-per-entry scenario.</summary>
    public int Singles { get; init; } = 2_000;

    /// <summary>Entries per run of the batched scenario.</summary>
    public int Batched { get; init; } = 50_000;

    /// <summary>Entries per transaction in the batched scenario and when building the verify journal.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>Size of the journal the verify scenario walks; 0 skips the scenario.</summary>
    public int VerifyEntries { get; init; } = 1_000_000;

    /// <summary>Repetitions of the append scenarios; the median is reported.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Repetitions of the verify scenario; the median is reported.</summary>
    public int VerifyRuns { get; init; } = 3;

    /// <summary>Keep the SQLite folder and PostgreSQL databases afterwards (to inspect them).</summary>
    public bool Keep { get; init; }
}
