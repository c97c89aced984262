using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Model;

namespace Vigie.Storage.Logbook;

/// <summary>
/// The only code that writes the chained journals. Appends are serialised in this process by a gate and
/// across processes (a CLI tool beside the host, several nodes on PostgreSQL) by a database lock taken
/// before the chain head is read: SQLite's write lock (BEGIN IMMEDIATE) or a PostgreSQL advisory lock.
/// Without it a writer that must re-read the head loses every race to one that appends from a warm
/// cache, and gives up. The unique (journal, sequence) index stays the last guard; a conflict still
/// retries. There is deliberately no update or delete method.
/// </summary>
public sealed partial class LogbookWriter : IDisposable
{
    private const int MaxAttempts = 5;

    /// <summary>Key of the PostgreSQL advisory lock that serialises appends ("Vigie" in ASCII).</summary>
    private const long AppendLockKey = 0x5669676965;

    private readonly VigieDbFactory _factory;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ILogbookListener> _listeners;
    private readonly ILogger<LogbookWriter> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LogbookWriter(VigieDbFactory factory, TimeProvider time, IEnumerable<ILogbookListener> listeners, ILogger<LogbookWriter> logger)
    {
        _factory = factory;
        _time = time;
        _listeners = listeners.ToList();
        _logger = logger;
    }

    public async Task<LogbookEntry> AppendAsync(LogbookDraft draft, CancellationToken cancellationToken = default) =>
        (await AppendManyAsync([draft], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Appends several entries in one transaction (all or none), in the order given.</summary>
    public async Task<IReadOnlyList<LogbookEntry>> AppendManyAsync(IReadOnlyList<LogbookDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        foreach (var draft in drafts)
        {
            draft.Validate();
        }

        return await ChangeAndAppendAsync((_, _) => Task.FromResult(drafts), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on a context inside the append's transaction and lock, then appends the
    /// entries it returns: the change (an alarm taken, closed…) and its main-courante entries are committed
    /// together or not at all, and changes are serialised with every other append (two people taking one
    /// alarm at once: the second reads what the first committed). <paramref name="change"/> saves its own
    /// changes when it needs the ids; it may run again (on a rare sequence race) on a fresh context, so it
    /// must read what it changes from that context. A <see cref="DomainException"/> it throws rolls back.
    /// </summary>
    public async Task<IReadOnlyList<LogbookEntry>> ChangeAndAppendAsync(
        Func<VigieDbContext, CancellationToken, Task<IReadOnlyList<LogbookDraft>>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        List<LogbookEntry> written;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            written = await WriteWithRetryAsync(change, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        foreach (var entry in written)
        {
            foreach (var listener in _listeners)
            {
                listener.OnAppended(entry);
            }
        }

        return written;
    }

    private async Task<List<LogbookEntry>> WriteWithRetryAsync(
        Func<VigieDbContext, CancellationToken, Task<IReadOnlyList<LogbookDraft>>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _factory.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_factory.Settings.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken).ConfigureAwait(false);
            }

            var drafts = await change(db, cancellationToken).ConfigureAwait(false);
            foreach (var draft in drafts)
            {
                draft.Validate();
            }

            await CheckCorrectionsAsync(db, drafts, cancellationToken).ConfigureAwait(false);
            var heads = new Dictionary<Journal, ChainHead>();
            var entries = new List<LogbookEntry>(drafts.Count);
            var now = _time.GetUtcNow();
            foreach (var draft in drafts)
            {
                if (!heads.TryGetValue(draft.Journal, out var head))
                {
                    head = await ReadHeadAsync(db, draft.Journal, cancellationToken).ConfigureAwait(false);
                }

                var entry = LogbookEntry.Next(draft, head, now);
                entries.Add(entry);
                heads[draft.Journal] = new ChainHead(entry.Sequence, entry.Hash);
            }

            db.LogbookEntries.AddRange(entries);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // Another writer took the same sequence (one that does not take the lock): chain again.
                LogConcurrentAppend(_logger, attempt, ex.InnerException?.Message ?? ex.Message);
                continue;
            }

            return entries;
        }
    }

    private static async Task CheckCorrectionsAsync(DbContext db, IReadOnlyList<LogbookDraft> drafts, CancellationToken cancellationToken)
    {
        foreach (var draft in drafts)
        {
            if (draft.CorrectsId is not { } correctedId)
            {
                continue;
            }

            var exists = await db.Set<LogbookEntry>()
                .AnyAsync(e => e.Id == correctedId && e.Journal == draft.Journal, cancellationToken)
                .ConfigureAwait(false);
            if (!exists)
            {
                throw new DomainException("logbook.corrected_entry_unknown", $"Entry #{correctedId} does not exist in this journal.", nameof(LogbookDraft.CorrectsId));
            }
        }
    }

    internal static async Task<ChainHead> ReadHeadAsync(DbContext db, Journal journal, CancellationToken cancellationToken)
    {
        var last = await db.Set<LogbookEntry>()
            .AsNoTracking()
            .Where(e => e.Journal == journal)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return last is null ? ChainHead.Genesis : new ChainHead(last.Sequence, last.Hash);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Log book append raced another writer (attempt {Attempt}): {Reason}; re-reading the chain head")]
    private static partial void LogConcurrentAppend(ILogger logger, int attempt, string reason);
}
