using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Model;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// Alarms for people: the queue and the history of their sites, and every act on one (take, release, park,
/// transfer, reassign, priority, close). Each act is checked for the actor's permission and site, applied by the
/// domain's rules on the stored alarm and committed together with its main-courante entry, serialised with every
/// other append (<see cref="LogbookWriter.ChangeAndAppendAsync"/>): of two people taking one alarm at once,
/// the second reads what the first committed and is told who has it.
/// </summary>
public sealed class AlarmService(VigieDbFactory dbFactory, LogbookWriter writer, AlarmFeed feed, TimeProvider time)
{
    /// <summary>At most this many alarms in one answer (the open queue of a large centre fits).</summary>
    public const int MaxLimit = 20_000;

    public static readonly TimeSpan DefaultReminder = TimeSpan.FromMinutes(15);

    /// <summary>Open alarms by priority then age, or closed ones newest first.</summary>
    public async Task<IReadOnlyList<AlarmDto>> ListAsync(Actor actor, bool open, Guid? siteId, int? limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        if (siteId is { } requested)
        {
            actor.DemandSite(new SiteId(requested));
        }

        await using var db = dbFactory.CreateDbContext();
        var query = db.Alarms.AsNoTracking().VisibleTo(actor);
        if (siteId is { } only)
        {
            var site = new SiteId(only);
            query = query.Where(a => a.SiteId == site);
        }

        query = open
            ? query.Where(a => a.State != AlarmState.Closed).OrderBy(a => a.Priority).ThenBy(a => a.OpenedAt).ThenBy(a => a.Id)
            : query.Where(a => a.State == AlarmState.Closed).OrderByDescending(a => a.ClosedAt).ThenByDescending(a => a.Id);
        var rows = await query.Take(Math.Clamp(limit ?? (open ? MaxLimit : 200), 1, MaxLimit)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await SiteNamesAsync(db, actor, cancellationToken).ConfigureAwait(false);
        return rows.Select(a => AlarmDto.From(a, NameOf(a, names))).ToList();
    }

    public async Task<AlarmDto> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var alarm = await FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        return AlarmDto.From(alarm, await SiteNameAsync(db, alarm, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The signals attached to the alarm, oldest first (the one that opened it, then each folded in).</summary>
    public async Task<IReadOnlyList<SignalView>> SignalsAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var alarm = await FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        var siteName = await SiteNameAsync(db, alarm, cancellationToken).ConfigureAwait(false);
        var signals = await db.AlarmSignalLinks.AsNoTracking()
            .Where(l => l.AlarmId == id)
            .Join(db.AlarmSignals.AsNoTracking(), l => l.SignalId, s => s.Id, (_, s) => s)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return signals.Select(s => SignalView.Of(s, siteName)).ToList();
    }

    /// <summary>The people the actor may hand the alarm to: active, handling alarms, seeing its site; the actor excepted.</summary>
    public async Task<IReadOnlyList<Colleague>> ColleaguesAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsHandle);
        await using var db = dbFactory.CreateDbContext();
        var alarm = await FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive && p.Id != actor.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return people
            .Select(p => new Actor(p.Id, p.UserName, p.DisplayName, p.Role, p.SiteIds.ToHashSet()))
            .Where(p => p.Can(Permission.AlarmsHandle) && (alarm.SiteId is not { } site || p.CanSeeSite(site)))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)
            .Select(p => new Colleague(p.Id.Value, p.DisplayName, p.Role))
            .ToList();
    }

    public Task<AlarmDto> TakeAsync(Actor actor, long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, Permission.AlarmsHandle, (alarm, _, _) => Task.FromResult(alarm.Take(actor.Id, actor.DisplayName, time.GetUtcNow())), cancellationToken);

    public Task<AlarmDto> ReleaseAsync(Actor actor, long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, Permission.AlarmsHandle, (alarm, _, _) => Task.FromResult(alarm.Release(actor.Id)), cancellationToken);

    public Task<AlarmDto> ParkAsync(Actor actor, long id, ParkAlarm request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(actor, id, Permission.AlarmsHandle, (alarm, _, _) =>
        {
            var now = time.GetUtcNow();
            return Task.FromResult(alarm.Park(actor.Id, request.Reason ?? string.Empty, request.RemindAt ?? now + DefaultReminder, now));
        }, cancellationToken);
    }

    public Task<AlarmDto> TransferAsync(Actor actor, long id, HandAlarm request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(actor, id, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            var to = await ColleagueAsync(db, alarm, request.PersonId, ct).ConfigureAwait(false);
            return alarm.Transfer(actor.Id, to.Id, to.DisplayName);
        }, cancellationToken);
    }

    public Task<AlarmDto> ReassignAsync(Actor actor, long id, HandAlarm request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(actor, id, Permission.AlarmsSupervise, async (alarm, db, ct) =>
        {
            var to = await ColleagueAsync(db, alarm, request.PersonId, ct).ConfigureAwait(false);
            return alarm.Reassign(actor.DisplayName, to.Id, to.DisplayName);
        }, cancellationToken);
    }

    public Task<AlarmDto> OverridePriorityAsync(Actor actor, long id, OverridePriority request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(actor, id, Permission.AlarmsSupervise,
            (alarm, _, _) => Task.FromResult(alarm.OverridePriority(actor.DisplayName, request.Priority, request.Reason ?? string.Empty)), cancellationToken);
    }

    public Task<AlarmDto> CloseAsync(Actor actor, long id, CloseAlarm request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AlarmDto.TryParseVerdict(request.Verdict, out var verdict))
        {
            throw new DomainException("alarm.verdict_invalid", "The verdict is false_alarm, doubt_lifted or doubt_confirmed.", nameof(CloseAlarm.Verdict));
        }

        FalseAlarmCause? cause = null;
        if (!string.IsNullOrWhiteSpace(request.Cause))
        {
            cause = AlarmDto.TryParseCause(request.Cause, out var parsed)
                ? parsed
                : throw new DomainException("alarm.cause_invalid", "The cause is animal, weather, user_error, technical_fault or unknown.", nameof(CloseAlarm.Cause));
        }

        return ChangeAsync(actor, id, Permission.AlarmsHandle,
            async (alarm, db, ct) =>
            {
                alarm.DemandHeldBy(actor.Id);
                var open = await db.AlarmSteps.AsNoTracking()
                    .Where(s => s.AlarmId == alarm.Id && s.Mandatory && s.Status == StepStatus.Pending)
                    .OrderBy(s => s.Order).Select(s => s.Order)
                    .ToListAsync(ct).ConfigureAwait(false);
                if (open.Count > 0)
                {
                    throw DomainException.Conflict("alarm.steps_open", $"Mandatory steps {string.Join(", ", open)} are neither done nor skipped.");
                }

                var closed = alarm.Close(actor.Id, verdict, cause, request.Summary ?? string.Empty, time.GetUtcNow());
                // The agents' links die with the alarm.
                foreach (var dispatch in await db.PatrolDispatches.Where(d => d.AlarmId == alarm.Id).ToListAsync(ct).ConfigureAwait(false))
                {
                    dispatch.ExpireLink();
                }

                return closed;
            }, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored alarm and writes its main-courante entry, in one
    /// transaction; then tells every console. A refusal (held by another, closed…) changes nothing.
    /// </summary>
    internal async Task<AlarmDto> ChangeAsync(Actor actor, long id, Permission permission, Func<Alarm, VigieDbContext, CancellationToken, Task<AlarmChange>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(permission);
        AlarmDto? result = null;
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            var alarm = await FindAsync(db, actor, id, ct, tracked: true).ConfigureAwait(false);
            var outcome = await change(alarm, db, ct).ConfigureAwait(false);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            result = AlarmDto.From(alarm, await SiteNameAsync(db, alarm, ct).ConfigureAwait(false));
            return outcome.French is { } text ? [Entry(alarm, text, actor, outcome.References)] : [];
        }, cancellationToken).ConfigureAwait(false);
        feed.Publish(result!);
        return result!;
    }

    /// <summary>The main-courante entry of an alarm's change, on the alarm's site, referencing it.</summary>
    public static LogbookDraft Entry(Alarm alarm, string text, Actor? actor, string? references = null)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new LogbookDraft(Journal.MainCourante, LogbookCategory.Alarm, text, alarm.SiteId, actor?.Id, actor?.DisplayName ?? "Vigie",
            string.IsNullOrEmpty(references) ? Reference(alarm.Id) : $"{Reference(alarm.Id)} {references}");
    }

    /// <summary>How a main-courante entry names the alarm it is about.</summary>
    public static string Reference(long alarmId) => $"alarme:{alarmId}";

    internal static async Task<Alarm> FindAsync(VigieDbContext db, Actor actor, long id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Alarms : db.Alarms.AsNoTracking();
        var alarm = await query.SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Alarm #{id} does not exist.");
        if (alarm.SiteId is { } site)
        {
            actor.DemandSite(site);
        }

        return alarm;
    }

    /// <summary>A colleague who may take the alarm: active, handles alarms, sees its site.</summary>
    private static async Task<Person> ColleagueAsync(VigieDbContext db, Alarm alarm, Guid personId, CancellationToken cancellationToken)
    {
        var id = new PersonId(personId);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Person {personId} does not exist.");
        var colleague = new Actor(person.Id, person.UserName, person.DisplayName, person.Role, person.SiteIds.ToHashSet());
        if (!person.IsActive || !colleague.Can(Permission.AlarmsHandle) || (alarm.SiteId is { } site && !colleague.CanSeeSite(site)))
        {
            throw new DomainException("alarm.colleague_cannot_handle", $"{person.DisplayName} cannot handle alarms of this site.", nameof(HandAlarm.PersonId));
        }

        return person;
    }

    private static Task<Dictionary<SiteId, string>> SiteNamesAsync(VigieDbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Sites.AsNoTracking().VisibleTo(actor).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    internal static async Task<string?> SiteNameAsync(VigieDbContext db, Alarm alarm, CancellationToken cancellationToken) =>
        alarm.SiteId is { } site
            ? await db.Sites.AsNoTracking().Where(s => s.Id == site).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;

    private static string? NameOf(Alarm alarm, Dictionary<SiteId, string> names) => alarm.SiteId is { } site ? names.GetValueOrDefault(site) : null;
}
