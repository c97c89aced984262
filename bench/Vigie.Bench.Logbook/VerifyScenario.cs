using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Storage.Logbook;

namespace Vigie.Bench.Logbook;

/// <summary>
/// Builds a journal of N entries with <see cref="LogbookWriter.AppendManyAsync"/> (timed once: it is the
/// batched append rate on a growing table), then walks it repeatedly three ways: raw ADO.NET read (baseline),
/// the verifier's own EF Core query without hashing, and <see cref="LogbookVerification.VerifyAsync"/>.
/// </summary>
public sealed class VerifyScenario
{
    private readonly string _provider;
    private readonly BenchDatabase _database;
    private readonly BenchOptions _options;
    private readonly IReadOnlyList<LogbookDraft> _pool;

    public VerifyScenario(string provider, BenchDatabase database, BenchOptions options, IReadOnlyList<LogbookDraft> pool)
    {
        _provider = provider;
        _database = database;
        _options = options;
        _pool = pool;
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(CancellationToken cancellationToken)
    {
        var total = _options.VerifyEntries;
        var build = new Measurement(_provider, $"build {total:N0}-entry journal", $"LogbookWriter.AppendManyAsync ({_options.BatchSize:N0}/tx)", isBaseline: false);
        await build.RunAsync(total, () => BuildAsync(total, cancellationToken)).ConfigureAwait(false);
        await _database.AnalyseAsync(cancellationToken).ConfigureAwait(false);

        var scenario = $"verify {total:N0} entries";
        var plain = new PlainRows(_database);
        var variants = new (Measurement Measurement, Func<Task> Run)[]
        {
            (new Measurement(_provider, scenario, "baseline: raw ADO.NET read, no hash", isBaseline: true), async () => Expect(total, await plain.ReadAllAsync(cancellationToken).ConfigureAwait(false))),
            (new Measurement(_provider, scenario, "EF Core AsNoTracking read, no hash", isBaseline: false), async () => Expect(total, await ReadWithEfAsync(cancellationToken).ConfigureAwait(false))),
            (new Measurement(_provider, scenario, "LogbookVerification.VerifyAsync", isBaseline: false), () => VerifyAsync(total, cancellationToken)),
        };
        for (var run = 0; run < _options.VerifyRuns; run++)
        {
            for (var i = 0; i < variants.Length; i++)
            {
                var (measurement, action) = variants[(run + i) % variants.Length];
                await measurement.RunAsync(total, action).ConfigureAwait(false);
            }
        }

        return [build, .. variants.Select(v => v.Measurement)];
    }

    private async Task BuildAsync(int total, CancellationToken cancellationToken)
    {
        using var writer = new LogbookWriter(_database.Factory, TimeProvider.System, [], NullLogger<LogbookWriter>.Instance);
        var next = 0;
        var step = Math.Max(total / 10, 1);
        for (var done = 0; done < total;)
        {
            var size = Math.Min(_options.BatchSize, total - done);
            var batch = new LogbookDraft[size];
            for (var i = 0; i < size; i++)
            {
                batch[i] = _pool[next++ % _pool.Count];
            }

            await writer.AppendManyAsync(batch, cancellationToken).ConfigureAwait(false);
            var before = done;
            done += size;
            if (done / step != before / step)
            {
                Console.WriteLine($"      built {done:N0} / {total:N0}");
            }
        }
    }

    /// <summary>The verifier's query, entry by entry, without the chain check: what reading alone costs.</summary>
    private async Task<long> ReadWithEfAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        foreach (var journal in Enum.GetValues<Journal>())
        {
            await using var db = _database.Factory.CreateDbContext();
            var entries = db.LogbookEntries.AsNoTracking()
                .Where(e => e.Journal == journal)
                .OrderBy(e => e.Sequence)
                .AsAsyncEnumerable()
                .WithCancellation(cancellationToken)
                .ConfigureAwait(false);
            await foreach (var entry in entries)
            {
                count += entry.Sequence > 0 ? 1 : 0;
            }
        }

        return count;
    }

    private async Task VerifyAsync(long total, CancellationToken cancellationToken)
    {
        var report = await LogbookVerification.VerifyAsync(_database.Factory, cancellationToken).ConfigureAwait(false);
        if (!report.IsIntact)
        {
            throw new InvalidOperationException($"The benchmark journal does not verify: {report.FirstBreak!.Describe()}");
        }

        Expect(total, report.TotalChecked);
    }

    private static void Expect(long expected, long actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Read {actual:N0} entries, expected {expected:N0}: the measurement is not of the whole journal.");
        }
    }
}
