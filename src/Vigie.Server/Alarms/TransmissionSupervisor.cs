using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Alarms;

/// <summary>
/// Runs the link-supervision rule (<see cref="LinkSupervision"/>, in the domain) over the supervised accounts: each
/// pass loads them, hands the rule each account's last message as the receiver saw it, and for each change stores
/// its signal, writes its main courante entry and saves the account (fault flag, last seen).
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
    public const string Source = LinkSupervision.Source;

    private readonly LinkSupervision _rule = new(time);

    /// <summary>One pass over every supervised account; returns the accounts whose state changed.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.TransmitterAccounts.Where(a => a.SupervisionInterval != null && !a.Disabled).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (_rule.Check(row, accounts.LastSeen(row.Account)) is not { } transition)
            {
                continue;
            }

            await batcher.Batcher.StoreAsync([transition.ToSignal(priorities)], cancellationToken).ConfigureAwait(false);
            changed.Add(row.Account);
            LogTransition(logger, row.Account, transition.English);
            await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical, transition.French, row.SiteId, References: $"transmitter:{row.Account}"), cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transmitter {Account}: {Transition}")]
    private static partial void LogTransition(ILogger logger, string account, string transition);
}
