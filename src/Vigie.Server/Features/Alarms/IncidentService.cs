using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Server.Features.Logbook;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Model;

namespace Vigie.Server.Features.Alarms;

public sealed record IncidentTaskDto(long Id, int Order, string Text, DateTimeOffset? DoneAt, string DoneByName);

public sealed record IncidentDto(long Id, string Title, string Kind, DateTimeOffset OpenedAt, string OpenedByName, DateTimeOffset? ClosedAt, string? Summary,
    IReadOnlyList<AlarmDto> Alarms, IReadOnlyList<IncidentTaskDto> Tasks, IReadOnlyList<LogbookEntryDto> Timeline);

public sealed record IncidentSummaryDto(long Id, string Title, string Kind, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, int AlarmCount);

public sealed record OpenIncident(string? Title, string? Kind, IReadOnlyList<long>? AlarmIds);

public sealed record CloseIncident(string? Summary);

public sealed record ChecklistDto(string Kind, bool IsDefault, IReadOnlyList<string> Items);

/// <summary>
/// Major incidents: alarms linked into one event (an attack, a fire, a crowd surge), its crisis checklist ticked as
/// it is done, and its timeline — the main-courante entries of the incident and of its alarms, in order. Opened,
/// fed and closed by those who handle alarms; the checklists are edited by administrators.
/// </summary>
public sealed class IncidentService(VigieDbFactory dbFactory, LogbookWriter writer, AlarmFeed feed, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<IncidentSummaryDto>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var incidents = await db.Incidents.AsNoTracking().OrderBy(i => i.ClosedAt != null).ThenByDescending(i => i.OpenedAt).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = incidents.Select(i => i.Id).ToList();
        var counts = await db.Alarms.AsNoTracking().VisibleTo(actor).Where(a => a.IncidentId != null && ids.Contains(a.IncidentId.Value))
            .GroupBy(a => a.IncidentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        return incidents.Select(i => new IncidentSummaryDto(i.Id, i.Title, KindName(i.Kind), i.OpenedAt, i.ClosedAt, counts.GetValueOrDefault(i.Id))).ToList();
    }

    public async Task<IncidentDto> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Incident #{id} does not exist.");
        var alarms = await db.Alarms.AsNoTracking().VisibleTo(actor).Where(a => a.IncidentId == id).OrderBy(a => a.OpenedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await db.Sites.AsNoTracking().VisibleTo(actor).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        var tasks = await db.IncidentTasks.AsNoTracking().Where(t => t.IncidentId == id).OrderBy(t => t.Order).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tokens = alarms.Select(a => AlarmService.Reference(a.Id)).Append(Reference(id)).ToHashSet(StringComparer.Ordinal);
        var since = alarms.Select(a => a.OpenedAt).Append(incident.OpenedAt).Min();
        var entries = await db.LogbookEntries.AsNoTracking().VisibleTo(actor)
            .Where(e => e.Journal == Journal.MainCourante && e.RecordedAt >= since && (e.References.StartsWith("alarme:") || e.References.StartsWith("incident:")))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var timeline = entries.Where(e => e.References.Split(' ').Any(tokens.Contains)).Select(LogbookEntryDto.From).ToList();
        return new IncidentDto(incident.Id, incident.Title, KindName(incident.Kind), incident.OpenedAt, incident.OpenedByName, incident.ClosedAt, incident.Summary,
            alarms.Select(a => AlarmDto.From(a, a.SiteId is { } s ? names.GetValueOrDefault(s) : null)).ToList(),
            tasks.Select(t => new IncidentTaskDto(t.Id, t.Order, t.Text, t.DoneAt, t.DoneByName)).ToList(), timeline);
    }

    public async Task<IncidentDto> OpenAsync(Actor actor, OpenIncident request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.AlarmsHandle);
        if (!EnumNames.TryParse<IncidentKind>(request.Kind, KindName, out var kind))
        {
            throw new DomainException("incident.kind_invalid", "The kind is attentat, incendie, mouvement_de_foule or autre.", nameof(OpenIncident.Kind));
        }

        long id = 0;
        var linked = new List<Alarm>();
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            linked.Clear();
            var incident = new Incident(request.Title ?? string.Empty, kind, actor.Id, actor.DisplayName, time.GetUtcNow());
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var checklist = await db.CrisisChecklists.AsNoTracking().SingleOrDefaultAsync(c => c.Kind == kind, ct).ConfigureAwait(false);
            var items = checklist?.Items ?? CrisisChecklist.Default(kind);
            db.IncidentTasks.AddRange(items.Select((text, i) => new IncidentTask(incident.Id, i + 1, text)));
            foreach (var alarmId in (request.AlarmIds ?? []).Distinct())
            {
                linked.Add(await LinkAsync(db, actor, incident, alarmId, ct).ConfigureAwait(false));
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            id = incident.Id;
            var text = $"Incident majeur #{incident.Id} « {incident.Title} » ({Incident.FrenchKind(kind)}) ouvert par {actor.DisplayName}"
                + (linked.Count > 0 ? $" ; alarmes liées : {string.Join(", ", linked.Select(a => $"#{a.Id}"))}." : ".");
            return [new LogbookDraft(Journal.MainCourante, LogbookCategory.Incident, text, null, actor.Id, actor.DisplayName,
                string.Join(' ', linked.Select(a => AlarmService.Reference(a.Id)).Prepend(Reference(incident.Id))))];
        }, cancellationToken).ConfigureAwait(false);
        await PublishAsync(linked, cancellationToken).ConfigureAwait(false);
        return await GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncidentDto> LinkAlarmAsync(Actor actor, long id, long alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsHandle);
        Alarm? alarm = null;
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            var incident = await OpenIncidentAsync(db, id, ct).ConfigureAwait(false);
            alarm = await LinkAsync(db, actor, incident, alarmId, ct).ConfigureAwait(false);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return [new LogbookDraft(Journal.MainCourante, LogbookCategory.Incident, $"Alarme #{alarm.Id} liée à l'incident majeur #{id} par {actor.DisplayName}.",
                alarm.SiteId, actor.Id, actor.DisplayName, $"{Reference(id)} {AlarmService.Reference(alarm.Id)}")];
        }, cancellationToken).ConfigureAwait(false);
        await PublishAsync([alarm!], cancellationToken).ConfigureAwait(false);
        return await GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
    }

    public Task<IncidentDto> TickAsync(Actor actor, long id, long taskId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, async (db, incident, ct) =>
        {
            var task = await db.IncidentTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.IncidentId == id, ct).ConfigureAwait(false)
                ?? throw new NotFoundException($"Incident #{id} has no line {taskId}.");
            return task.Tick(actor.DisplayName, time.GetUtcNow());
        }, cancellationToken);

    public Task<IncidentDto> CloseAsync(Actor actor, long id, CloseIncident request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(actor, id, (_, incident, _) => Task.FromResult(incident.Close(request.Summary ?? string.Empty, actor.DisplayName, time.GetUtcNow())), cancellationToken);
    }

    public async Task<IReadOnlyList<ChecklistDto>> ChecklistsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var own = await db.CrisisChecklists.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<IncidentKind>().Select(kind => own.SingleOrDefault(c => c.Kind == kind) is { } c
            ? new ChecklistDto(KindName(kind), false, c.Items)
            : new ChecklistDto(KindName(kind), true, CrisisChecklist.Default(kind))).ToList();
    }

    public async Task<ChecklistDto> SaveChecklistAsync(Actor actor, string kind, IReadOnlyList<string> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(items);
        actor.Demand(Permission.SitesAdminister);
        if (!EnumNames.TryParse<IncidentKind>(kind, KindName, out var parsed))
        {
            throw new DomainException("incident.kind_invalid", "The kind is attentat, incendie, mouvement_de_foule or autre.", nameof(kind));
        }

        await using var db = dbFactory.CreateDbContext();
        var checklist = await db.CrisisChecklists.SingleOrDefaultAsync(c => c.Kind == parsed, cancellationToken).ConfigureAwait(false);
        if (checklist is null)
        {
            checklist = new CrisisChecklist(parsed, items);
            db.CrisisChecklists.Add(checklist);
        }
        else
        {
            checklist.Replace(items);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.ChecklistChanged, $"Crisis checklist {KindName(parsed)} set by {actor.UserName}: {checklist.Items.Count} lines", actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ChecklistDto(KindName(parsed), false, checklist.Items);
    }

    public static string KindName(IncidentKind kind) => kind switch
    {
        IncidentKind.Attentat => "attentat",
        IncidentKind.Incendie => "incendie",
        IncidentKind.MouvementDeFoule => "mouvement_de_foule",
        _ => "autre",
    };

    public static string Reference(long incidentId) => $"incident:{incidentId}";

    private async Task<IncidentDto> ChangeAsync(Actor actor, long id, Func<VigieDbContext, Incident, CancellationToken, Task<string>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsHandle);
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            var incident = await OpenIncidentAsync(db, id, ct).ConfigureAwait(false);
            var text = await change(db, incident, ct).ConfigureAwait(false);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return [new LogbookDraft(Journal.MainCourante, LogbookCategory.Incident, text, null, actor.Id, actor.DisplayName, Reference(id))];
        }, cancellationToken).ConfigureAwait(false);
        return await GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Incident> OpenIncidentAsync(VigieDbContext db, long id, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Incident #{id} does not exist.");
        return incident.IsOpen ? incident : throw DomainException.Conflict("incident.closed", $"Incident #{id} is closed.");
    }

    private static async Task<Alarm> LinkAsync(VigieDbContext db, Actor actor, Incident incident, long alarmId, CancellationToken cancellationToken)
    {
        var alarm = await AlarmService.FindAsync(db, actor, alarmId, cancellationToken, tracked: true).ConfigureAwait(false);
        if (alarm.IncidentId is { } other && other != incident.Id)
        {
            throw DomainException.Conflict("incident.alarm_linked", $"Alarm #{alarm.Id} is already part of incident #{other}.");
        }

        alarm.LinkIncident(incident.Id);
        return alarm;
    }

    private async Task PublishAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        foreach (var alarm in alarms)
        {
            feed.Publish(AlarmDto.From(alarm, await AlarmService.SiteNameAsync(db, alarm, cancellationToken).ConfigureAwait(false)));
        }
    }
}
