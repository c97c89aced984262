using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Storage.Logbook;

namespace Vigie.Bench.Logbook;

/// <summary>
/// Appends measured three ways, side by side in the same database and the same run:
/// <list type="bullet">
/// <item>baseline: raw ADO.NET INSERT of the same row, placeholder hashes, no chaining;</item>
/// <item>raw + chain: the same INSERT of a real <see cref="LogbookEntry.Next"/> (validation, SHA-256, link), no EF Core;</item>
/// <item><see cref="LogbookWriter"/>: what Vigie does (EF Core context per call, cached chain head, SaveChanges).</item>
/// </list>
/// Within each repetition the order of the variants rotates, so that table growth and WAL checkpoints
/// fall on each variant alike.
/// </summary>
public sealed class AppendScenarios
{
    private static readonly string PlaceholderHash = new('0', 64);

    private readonly string _provider;
    private readonly BenchDatabase _database;
    private readonly BenchOptions _options;
    private readonly IReadOnlyList<LogbookDraft> _pool;
    private readonly PlainRows _plain;
    private readonly TimeProvider _time = TimeProvider.System;
    private long _plainSequence;
    private ChainHead _hashedHead = ChainHead.Genesis;
    private int _next;

    public AppendScenarios(string provider, BenchDatabase database, BenchOptions options, IReadOnlyList<LogbookDraft> pool)
    {
        _provider = provider;
        _database = database;
        _options = options;
        _pool = pool;
        _plain = new PlainRows(database);
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(CancellationToken cancellationToken)
    {
        using var writer = new LogbookWriter(_database.Factory, _time, [], NullLogger<LogbookWriter>.Instance);

        // Warm-up, not recorded: JIT, EF Core model building, connection pools, first head read.
        for (var i = 0; i < 20; i++)
        {
            await _plain.InsertOneAsync(BenchDatabase.PlainTable, PlainEntry(NextDraft()), cancellationToken).ConfigureAwait(false);
            await _plain.InsertOneAsync(BenchDatabase.HashedTable, ChainedEntry(NextDraft()), cancellationToken).ConfigureAwait(false);
            await writer.AppendAsync(NextDraft(), cancellationToken).ConfigureAwait(false);
        }

        await _plain.InsertManyAsync(BenchDatabase.PlainTable, [.. Enumerable.Range(0, 100).Select(_ => PlainEntry(NextDraft()))], cancellationToken).ConfigureAwait(false);
        await _plain.InsertManyAsync(BenchDatabase.HashedTable, [.. Enumerable.Range(0, 100).Select(_ => ChainedEntry(NextDraft()))], cancellationToken).ConfigureAwait(false);
        await writer.AppendManyAsync([.. Enumerable.Range(0, 100).Select(_ => NextDraft())], cancellationToken).ConfigureAwait(false);

        const string single = "append, 1 per transaction";
        var singles = new (Measurement Measurement, Func<Task> Run)[]
        {
            (new Measurement(_provider, single, "baseline: raw INSERT, no hash/chain", isBaseline: true), () => SinglesAsync(d => _plain.InsertOneAsync(BenchDatabase.PlainTable, PlainEntry(d), cancellationToken))),
            (new Measurement(_provider, single, "raw INSERT + chain (hash, link)", isBaseline: false), () => SinglesAsync(d => _plain.InsertOneAsync(BenchDatabase.HashedTable, ChainedEntry(d), cancellationToken))),
            (new Measurement(_provider, single, "LogbookWriter.AppendAsync", isBaseline: false), () => SinglesAsync(d => writer.AppendAsync(d, cancellationToken))),
        };
        await RepeatAsync(singles, _options.Singles).ConfigureAwait(false);

        var batchedScenario = $"append, {_options.BatchSize:N0} per transaction";
        var batched = new (Measurement Measurement, Func<Task> Run)[]
        {
            (new Measurement(_provider, batchedScenario, "baseline: raw INSERTs, no hash/chain", isBaseline: true), () => BatchesAsync(b => _plain.InsertManyAsync(BenchDatabase.PlainTable, [.. b.Select(PlainEntry)], cancellationToken))),
            (new Measurement(_provider, batchedScenario, "raw INSERTs + chain (hash, link)", isBaseline: false), () => BatchesAsync(b => _plain.InsertManyAsync(BenchDatabase.HashedTable, [.. b.Select(ChainedEntry)], cancellationToken))),
            (new Measurement(_provider, batchedScenario, "LogbookWriter.AppendManyAsync", isBaseline: false), () => BatchesAsync(b => writer.AppendManyAsync(b, cancellationToken))),
        };
        await RepeatAsync(batched, _options.Batched).ConfigureAwait(false);

        return [.. singles.Select(s => s.Measurement), .. batched.Select(b => b.Measurement)];
    }

    private async Task RepeatAsync((Measurement Measurement, Func<Task> Run)[] variants, int entries)
    {
        for (var run = 0; run < _options.Runs; run++)
        {
            for (var i = 0; i < variants.Length; i++)
            {
                var (measurement, action) = variants[(run + i) % variants.Length];
                await measurement.RunAsync(entries, action).ConfigureAwait(false);
            }
        }
    }

    private async Task SinglesAsync(Func<LogbookDraft, Task> append)
    {
        for (var i = 0; i < _options.Singles; i++)
        {
            await append(NextDraft()).ConfigureAwait(false);
        }
    }

    private async Task BatchesAsync(Func<IReadOnlyList<LogbookDraft>, Task> append)
    {
        for (var done = 0; done < _options.Batched; done += _options.BatchSize)
        {
            var size = Math.Min(_options.BatchSize, _options.Batched - done);
            var batch = new LogbookDraft[size];
            for (var i = 0; i < size; i++)
            {
                batch[i] = NextDraft();
            }

            await append(batch).ConfigureAwait(false);
        }
    }

    private LogbookDraft NextDraft() => _pool[_next++ % _pool.Count];

    /// <summary>The same row the writer would store, with the same normalisation, but no validation, hash or link.</summary>
    private LogbookEntry PlainEntry(LogbookDraft draft) => LogbookEntry.FromStored(
        0, draft.Journal, ++_plainSequence, LogbookChain.Normalise(_time.GetUtcNow()), draft.AuthorId?.Value, draft.AuthorName,
        draft.SiteId?.Value, draft.Category, draft.Text.Trim(), draft.References.Trim(), draft.CorrectsId, PlaceholderHash, PlaceholderHash);

    /// <summary>The real chained entry (as the writer builds it), linked to the previous one in memory.</summary>
    private LogbookEntry ChainedEntry(LogbookDraft draft)
    {
        var entry = LogbookEntry.Next(draft, _hashedHead, _time.GetUtcNow());
        _hashedHead = new ChainHead(entry.Sequence, entry.Hash);
        return entry;
    }
}
