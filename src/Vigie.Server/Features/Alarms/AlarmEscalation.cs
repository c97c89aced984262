using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Server.Hosting;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// Escalation of alarms nobody picks up: past the pick-up delay of their priority (<see cref="AlarmSla"/>) the
/// supervisors are alerted in their consoles; past twice the delay, every operator of the site. Each escalation is
/// a main-courante entry and an alarm change every console receives (<see cref="AlarmDto.Escalation"/>). Driven by
/// the injected clock, checked every <see cref="Interval"/>.
/// </summary>
public sealed partial class AlarmEscalation(Vigie.Storage.Database.VigieDbFactory dbFactory, LogbookWriter writer, AlarmSla sla, AlarmFeed feed, SupervisedLoops loops, TimeProvider time, ILogger<AlarmEscalation> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Escalates every alarm due now; returns those escalated.</summary>
    public async Task<IReadOnlyList<AlarmDto>> CheckAsync(CancellationToken cancellationToken)
    {
        // A read first: the log book's lock is taken only when some alarm is due.
        await using (var peek = dbFactory.CreateDbContext())
        {
            var now = time.GetUtcNow();
            var waiting = await peek.Alarms.AsNoTracking().Where(a => a.State == AlarmState.New && a.Escalation < 2)
                .Select(a => new { a.Priority, a.OpenedAt, a.Escalation }).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (!waiting.Any(a => LevelOf(now - a.OpenedAt, a.Priority) > a.Escalation))
            {
                return [];
            }
        }

        var escalated = new List<AlarmDto>();
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            escalated.Clear();
            var now = time.GetUtcNow();
            var waiting = await db.Alarms.Where(a => a.State == AlarmState.New && a.Escalation < 2).ToListAsync(ct).ConfigureAwait(false);
            var drafts = new List<LogbookDraft>();
            foreach (var alarm in waiting)
            {
                var waited = now - alarm.OpenedAt;
                if (alarm.Escalate(LevelOf(waited, alarm.Priority), waited, now) is { French: { } text })
                {
                    drafts.Add(AlarmService.Entry(alarm, text, actor: null));
                    escalated.Add(AlarmDto.From(alarm, await AlarmService.SiteNameAsync(db, alarm, ct).ConfigureAwait(false)));
                }
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return drafts;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var alarm in escalated)
        {
            LogEscalated(logger, alarm.Id, alarm.Escalation, alarm.Priority);
            feed.Publish(alarm);
        }

        return escalated;
    }

    private int LevelOf(TimeSpan waited, int priority)
    {
        var delay = sla.PickUp(priority);
        return waited >= delay * 2 ? 2 : waited >= delay ? 1 : 0;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("alarm-escalation", async token => await CheckAsync(token).ConfigureAwait(false), Interval, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm #{AlarmId} (P{Priority}) not picked up: escalated to level {Level}")]
    private static partial void LogEscalated(ILogger logger, long alarmId, int level, int priority);
}
