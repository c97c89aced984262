using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Alarms;

public sealed record HandoverDto(long Id, string FromName, string Summary, string Notes, DateTimeOffset At, string? AcknowledgedByName, DateTimeOffset? AcknowledgedAt)
{
    public static HandoverDto From(Handover h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.FromName, h.Summary, h.Notes, h.At, h.AcknowledgedByName, h.AcknowledgedAt);
    }
}

public sealed record NewHandover(string? Notes);

/// <summary>
/// Passation de consignes: the outgoing operator hands over (Vigie counts the open alarms and incidents of their sites,
/// they add their notes), the incoming one acknowledges; both are main-courante entries. The entry carries counts and
/// notes, not alarm titles: it has no site, and every reader of the main courante sees it.
/// </summary>
public sealed class HandoverService(VigieDbFactory dbFactory, LogbookWriter writer, TimeProvider time)
{
    /// <summary>Handovers older than this are no longer waiting for anyone.</summary>
    public static readonly TimeSpan Pending = TimeSpan.FromHours(24);

    public async Task<HandoverDto> HandOverAsync(Actor actor, NewHandover request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.AlarmsHandle);
        Handover? handover = null;
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            var open = await db.Alarms.AsNoTracking().VisibleTo(actor).Where(a => a.State != AlarmState.Closed)
                .GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
            var incidents = await db.Incidents.AsNoTracking().CountAsync(i => i.ClosedAt == null, ct).ConfigureAwait(false);
            int Count(AlarmState state) => open.SingleOrDefault(o => o.Key == state)?.Count ?? 0;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{open.Sum(o => o.Count)} alarme(s) ouverte(s) : {Count(AlarmState.New)} nouvelle(s), {Count(AlarmState.Held)} prise(s) en charge, {Count(AlarmState.Parked)} en attente ; {incidents} incident(s) majeur(s) en cours.");
            handover = new Handover(actor.Id, actor.DisplayName, summary, request.Notes, time.GetUtcNow());
            db.Handovers.Add(handover);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var text = $"Passation de consignes par {actor.DisplayName} : {summary}{(handover.Notes.Length > 0 ? $" Consignes : {handover.Notes}" : string.Empty)}";
            return [new LogbookDraft(Journal.MainCourante, LogbookCategory.Handover, text, null, actor.Id, actor.DisplayName, $"passation:{handover.Id}")];
        }, cancellationToken).ConfigureAwait(false);
        return HandoverDto.From(handover!);
    }

    public async Task<HandoverDto> AcknowledgeAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsHandle);
        Handover? handover = null;
        await writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            handover = await db.Handovers.SingleOrDefaultAsync(h => h.Id == id, ct).ConfigureAwait(false)
                ?? throw new NotFoundException($"Handover #{id} does not exist.");
            var text = handover.Acknowledge(actor.Id, actor.DisplayName, time.GetUtcNow());
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return [new LogbookDraft(Journal.MainCourante, LogbookCategory.Handover, text, null, actor.Id, actor.DisplayName, $"passation:{handover.Id}")];
        }, cancellationToken).ConfigureAwait(false);
        return HandoverDto.From(handover!);
    }

    /// <summary>The handovers of the last 24 hours, newest first (those waiting for an acknowledgement and those acknowledged).</summary>
    public async Task<IReadOnlyList<HandoverDto>> ListRecentAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        var since = time.GetUtcNow() - Pending;
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.Handovers.AsNoTracking().Where(h => h.At >= since).OrderByDescending(h => h.At).Take(20).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(HandoverDto.From).ToList();
    }
}
