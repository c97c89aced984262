using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Alarms;

/// <summary>An intervenant as the roster shows it.</summary>
public sealed record PatrolAgentDto(Guid Id, string Name, string Company, string Phone, bool Available)
{
    public static PatrolAgentDto From(PatrolAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(agent.Id, agent.Name, agent.Company, agent.Phone, agent.Available);
    }
}

public sealed record PatrolAgentInput(string? Name, string? Company, string? Phone, bool Available);

/// <summary>A dispatch and its timeline; <see cref="Link"/> only in the answer to the dispatch itself (the token is never stored).</summary>
public sealed record PatrolDto(long Id, Guid AgentId, string AgentName, string AgentPhone, string Status, DateTimeOffset SentAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? OnSiteAt, DateTimeOffset? FinishedAt, string Report, bool LinkUsable, string SentByName, string? Link = null)
{
    public static PatrolDto From(PatrolDispatch d, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.AgentId, d.AgentName, d.AgentPhone, StatusName(d.Status), d.SentAt, d.AcceptedAt, d.OnSiteAt, d.FinishedAt, d.Report, d.LinkUsable, d.SentByName, link);
    }

    public static string StatusName(PatrolStatus status) => status switch
    {
        PatrolStatus.Sent => "sent",
        PatrolStatus.Accepted => "accepted",
        PatrolStatus.OnSite => "on_site",
        PatrolStatus.Finished => "finished",
        _ => "cancelled",
    };

    public static bool TryParseStatus(string? name, out PatrolStatus status) => EnumNames.TryParse(name, StatusName, out status);
}

public sealed record DispatchPatrol(Guid AgentId);

/// <summary>What the agent's phone page shows: where to go and why, never more.</summary>
public sealed record AgentMission(long AlarmId, string SiteName, string Address, string AlarmTitle, string? Zone, PatrolDto Patrol);

public sealed record AgentUpdate(string? Status, string? Report);

/// <summary>
/// The intervenants: the roster (administrators edit it; those who handle alarms read it), sending one to an alarm
/// (its holder), and the agent's own updates through the one-time link of the dispatch, each a main-courante entry.
/// </summary>
public sealed class PatrolService(VigieDbFactory dbFactory, AlarmService alarms, LogbookWriter writer, AlarmFeed feed, AuditLog audit, TimeProvider time)
{
    /// <summary>Where the agent's page is; the token follows.</summary>
    public const string AgentPath = "/intervention/";

    public async Task<IReadOnlyList<PatrolAgentDto>> ListAgentsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var agents = await db.PatrolAgents.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return agents.Select(PatrolAgentDto.From).ToList();
    }

    public async Task<PatrolAgentDto> SaveAgentAsync(Actor actor, Guid? id, PatrolAgentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.SitesAdminister);
        await using var db = dbFactory.CreateDbContext();
        PatrolAgent agent;
        if (id is { } existing)
        {
            agent = await db.PatrolAgents.SingleOrDefaultAsync(a => a.Id == existing, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException("This intervenant does not exist.");
            agent.Update(input.Name ?? string.Empty, input.Company ?? string.Empty, input.Phone ?? string.Empty, input.Available);
        }
        else
        {
            agent = new PatrolAgent(Guid.CreateVersion7(), input.Name ?? string.Empty, input.Company ?? string.Empty, input.Phone ?? string.Empty, input.Available);
            db.PatrolAgents.Add(agent);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.PatrolAgentChanged, $"Intervenant '{agent.Name}' ({agent.Company}) {(id is null ? "added" : "updated")} by {actor.UserName}, {(agent.Available ? "available" : "unavailable")}",
            actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return PatrolAgentDto.From(agent);
    }

    public async Task<IReadOnlyList<PatrolDto>> ListForAlarmAsync(Actor actor, long alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        await AlarmService.FindAsync(db, actor, alarmId, cancellationToken).ConfigureAwait(false);
        var rows = await db.PatrolDispatches.AsNoTracking().Where(d => d.AlarmId == alarmId).OrderBy(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(d => PatrolDto.From(d)).ToList();
    }

    /// <summary>Sends an available agent to the alarm (its holder only); the answer carries the agent's link, once.</summary>
    public async Task<PatrolDto> DispatchAsync(Actor actor, long alarmId, DispatchPatrol request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PatrolDispatch? dispatch = null;
        string? token = null;
        await alarms.ChangeAsync(actor, alarmId, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            alarm.DemandHeldBy(actor.Id);
            var agent = await db.PatrolAgents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AgentId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException("This intervenant does not exist.");
            (dispatch, token) = PatrolDispatch.Send(alarm.Id, agent, actor.DisplayName, time.GetUtcNow());
            db.PatrolDispatches.Add(dispatch);
            var step = await db.AlarmSteps
                .Where(s => s.AlarmId == alarm.Id && s.Kind == StepKind.DispatchPatrol && s.Status == StepStatus.Pending)
                .OrderBy(s => s.Order).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            step?.Complete(skipped: false, $"{agent.Name} envoyé", actor.Id, actor.DisplayName, time.GetUtcNow());
            return new AlarmChange(alarm, $"Alarme #{alarm.Id} : intervenant {agent.Name}{(agent.Company.Length > 0 ? $" ({agent.Company})" : string.Empty)} envoyé par {actor.DisplayName}.");
        }, cancellationToken).ConfigureAwait(false);
        return PatrolDto.From(dispatch!, AgentPath + token);
    }

    /// <summary>The holder calls the agent off.</summary>
    public Task<AlarmDto> CancelAsync(Actor actor, long alarmId, long dispatchId, CancellationToken cancellationToken = default) =>
        alarms.ChangeAsync(actor, alarmId, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            alarm.DemandHeldBy(actor.Id);
            var dispatch = await db.PatrolDispatches.SingleOrDefaultAsync(d => d.Id == dispatchId && d.AlarmId == alarm.Id, ct).ConfigureAwait(false)
                ?? throw new NotFoundException("This intervention does not exist.");
            return new AlarmChange(alarm, dispatch.Cancel(actor.DisplayName));
        }, cancellationToken);

    /// <summary>The agent's page: the mission of a usable link; null for an unknown, finished or expired one.</summary>
    public async Task<AgentMission?> MissionAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var hash = PatrolDispatch.HashOf(token);
        var dispatch = await db.PatrolDispatches.AsNoTracking().SingleOrDefaultAsync(d => d.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (dispatch is null || !dispatch.LinkUsable)
        {
            return null;
        }

        var alarm = await db.Alarms.AsNoTracking().SingleAsync(a => a.Id == dispatch.AlarmId, cancellationToken).ConfigureAwait(false);
        var site = alarm.SiteId is { } s ? await db.Sites.AsNoTracking().SingleOrDefaultAsync(x => x.Id == s, cancellationToken).ConfigureAwait(false) : null;
        return new AgentMission(alarm.Id, site?.Name ?? string.Empty, site?.Address ?? string.Empty, alarm.Title, alarm.Zone, PatrolDto.From(dispatch));
    }

    /// <summary>
    /// The agent moves the dispatch on (accepted, on site, finished with the report). A link that is unknown,
    /// finished, cancelled or of a closed alarm is refused (<c>patrol.link_used</c>) and changes nothing.
    /// </summary>
    public async Task<AgentMission> UpdateAsync(string token, AgentUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!PatrolDto.TryParseStatus(update.Status, out var status))
        {
            throw new DomainException("patrol.status_invalid", "The status is accepted, on_site or finished.", nameof(AgentUpdate.Status));
        }

        var hash = PatrolDispatch.HashOf(token);
        AlarmDto? changed = null;
        AgentMission? mission = null;
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            var dispatch = await db.PatrolDispatches.SingleOrDefaultAsync(d => d.TokenHash == hash, ct).ConfigureAwait(false)
                ?? throw DomainException.Conflict("patrol.link_used", "This link is not (or no longer) valid.");
            var text = dispatch.Advance(status, update.Report, time.GetUtcNow());
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var alarm = await db.Alarms.AsNoTracking().SingleAsync(a => a.Id == dispatch.AlarmId, ct).ConfigureAwait(false);
            var site = alarm.SiteId is { } s ? await db.Sites.AsNoTracking().SingleOrDefaultAsync(x => x.Id == s, ct).ConfigureAwait(false) : null;
            changed = AlarmDto.From(alarm, site?.Name);
            mission = new AgentMission(alarm.Id, site?.Name ?? string.Empty, site?.Address ?? string.Empty, alarm.Title, alarm.Zone, PatrolDto.From(dispatch));
            return [new LogbookDraft(Journal.MainCourante, LogbookCategory.Alarm, text, alarm.SiteId, null, dispatch.AgentName, AlarmService.Reference(alarm.Id))];
        }, cancellationToken).ConfigureAwait(false);
        // Consoles showing the alarm read its file again.
        feed.Publish(changed!);
        return mission!;
    }
}
