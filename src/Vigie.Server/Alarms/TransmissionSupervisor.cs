using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Alarms;

/// <summary>
/// Link supervision per transmitter account: an account with a supervision interval that stays silent
/// longer than the interval plus a grace raises "défaut de transmission" (a technical signal and a main
/// courante entry); its next message restores it ("transmission rétablie"). The silence of an account never
/// heard counts from when supervision started; a disabled account is not supervised.
/// </summary>
public sealed partial class TransmissionSupervisor(
    AccountDirectory accounts,
    SignalBatcherHolder batcher,
    VigieDbFactory dbFactory,
    LogbookWriter logbook,
    AlarmPriorities priorities,
    TimeProvider time,
    ILogger<TransmissionSupervisor> logger)
{
    public const string Source = "supervision";

    private readonly DateTimeOffset _started = time.GetUtcNow();

    /// <summary>The grace after the interval: a quarter of it, at least 10 s, so one late test message is not a fault.</summary>
    public static TimeSpan GraceOf(TimeSpan interval) => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, interval.Ticks / 4));

    /// <summary>One pass over every supervised account; returns the accounts whose state changed.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = new List<string>();
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.TransmitterAccounts.Where(a => a.SupervisionInterval != null && !a.Disabled).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var interval = row.SupervisionInterval!.Value;
            var lastSeen = accounts.LastSeen(row.Account);
            if (lastSeen is { } seen)
            {
                row.Seen(seen);
            }

            var silentSince = lastSeen ?? (row.CreatedAt > _started ? row.CreatedAt : _started);
            if (row.SupervisedSince is { } since && since > silentSince)
            {
                // Supervision (re)started after the last message: the time out of service or unsupervised is not silence.
                silentSince = since;
            }

            var silent = now - silentSince > interval + GraceOf(interval);
            if (silent == row.TransmissionFault)
            {
                continue;
            }

            var (code, french, english) = silent
                ? ("YC", $"Défaut de transmission — compte {row.Account} : aucun message depuis {Math.Round((now - silentSince).TotalSeconds)} s (attendu toutes les {interval.TotalSeconds} s)",
                    $"Transmission fault — account {row.Account}: no message for {Math.Round((now - silentSince).TotalSeconds)} s (expected every {interval.TotalSeconds} s)")
                : ("YK", $"Transmission rétablie — compte {row.Account}", $"Transmission restored — account {row.Account}");
            var signal = new AlarmSignal(Source, now, row.SiteId, row.Account, code, AlarmCategory.TechnicalFault, isRestore: !silent,
                priorities.Of(AlarmCategory.TechnicalFault), french, english, raw: string.Empty);
            await batcher.Batcher.StoreAsync([signal], cancellationToken).ConfigureAwait(false);
            row.MarkFault(silent);
            changed.Add(row.Account);
            LogTransition(logger, row.Account, english);
            await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical, french, row.SiteId, References: $"transmitter:{row.Account}"), cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transmitter {Account}: {Transition}")]
    private static partial void LogTransition(ILogger logger, string account, string transition);
}
