using Vigie.Domain.Logbook;

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
            var first = results.Count;
            await using (var database = await BenchDatabase.CreateAsync(provider, "append", options, cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"  {await database.DescribeDurabilityAsync(cancellationToken).ConfigureAwait(false)}");
                results.AddRange(await new AppendScenarios(provider, database, options, pool).RunAsync(cancellationToken).ConfigureAwait(false));
            }

            if (options.VerifyEntries > 0)
            {
                results.AddRange(await VerifyAsync(provider, options, pool, cancellationToken).ConfigureAwait(false));
            }

            // Printed as soon as a provider is done, so that a failure on the next one loses nothing measured.
            Console.WriteLine();
            Console.WriteLine(ReportTable.Render(results[first..]));
        }

        return results;
    }

    /// <summary>On a database of its own, so that the journal holds exactly the entries the verifier is timed on.</summary>
    private static async Task<IReadOnlyList<Measurement>> VerifyAsync(string provider, BenchOptions options, IReadOnlyList<LogbookDraft> pool, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, "verify", options, cancellationToken).ConfigureAwait(false);
        return await new VerifyScenario(provider, database, options, pool).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
