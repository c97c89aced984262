namespace Vigie.Bench.Logbook;

/// <summary>Runs every scenario for each provider in turn, each on databases it creates and drops.</summary>
public static class LogbookBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pool = SampleDrafts.Create();
        var results = new List<Measurement>();
        foreach (var provider in options.Providers)
        {
            await using (var database = await BenchDatabase.CreateAsync(provider, "append", options, cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"  {await database.DescribeDurabilityAsync(cancellationToken).ConfigureAwait(false)}");
                results.AddRange(await new AppendScenarios(provider, database, options, pool).RunAsync(cancellationToken).ConfigureAwait(false));
            }

            if (options.VerifyEntries == 0)
            {
                continue;
            }

            // A database of its own, so that the journal holds exactly the entries the verifier is timed on.
            await using (var database = await BenchDatabase.CreateAsync(provider, "verify", options, cancellationToken).ConfigureAwait(false))
            {
                results.AddRange(await new VerifyScenario(provider, database, options, pool).RunAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }
}
