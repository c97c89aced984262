using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Server.Alarms;
using Vigie.Server.Features.Logbook;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Alarms;

public sealed record PriorityCount(int Priority, int Count);

public sealed record CameraFault(Guid Id, string Name, string SiteName, string State);

public sealed record OnDuty(string DisplayName, string Role, DateTimeOffset Since);

/// <summary>The home page: what the person must know on arrival, each part only when their role may see it.</summary>
public sealed record OverviewDto(
    IReadOnlyList<PriorityCount> OpenByPriority,
    IReadOnlyList<AlarmDto> FirstAlarms,
    IReadOnlyList<CameraFault> CamerasInFault,
    IReadOnlyList<TransmitterView> TransmittersInFault,
    IReadOnlyList<LogbookEntryDto> LastEntries,
    IReadOnlyList<OnDuty> OnDuty,
    IReadOnlyList<HandoverDto> Handovers);

/// <summary>
/// Gathers the operator's overview (Accueil): open alarms by priority and the first of the queue, cameras and
/// transmitters in fault, the last main-courante entries of the person's sites, who is on duty (signed in now) and
/// the handovers of the last 24 hours.
/// </summary>
public sealed class OverviewService(VigieDbFactory dbFactory, AlarmService alarms, SignalQueries signals, LogbookService logbook, HandoverService handovers,
    ICameraRecorders recorders, TimeProvider time)
{
    public async Task<OverviewDto> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        IReadOnlyList<AlarmDto> open = actor.Can(Permission.AlarmsRead) ? await alarms.ListAsync(actor, open: true, null, null, cancellationToken).ConfigureAwait(false) : [];
        var byPriority = open.GroupBy(a => a.Priority).OrderBy(g => g.Key).Select(g => new PriorityCount(g.Key, g.Count())).ToList();
        IReadOnlyList<TransmitterView> transmitters = actor.Can(Permission.AlarmsRead)
            ? (await signals.TransmittersAsync(actor, cancellationToken).ConfigureAwait(false)).Where(t => t.State == "fault").ToList()
            : [];
        IReadOnlyList<LogbookEntryDto> entries = actor.Can(Permission.LogbookRead)
            ? await logbook.ListAsync(actor, Journal.MainCourante, new LogbookFilter(Limit: 10), cancellationToken).ConfigureAwait(false)
            : [];
        IReadOnlyList<HandoverDto> recent = actor.Can(Permission.AlarmsRead) ? await handovers.ListRecentAsync(actor, cancellationToken).ConfigureAwait(false) : [];

        await using var db = dbFactory.CreateDbContext();
        var cameras = new List<CameraFault>();
        if (actor.Can(Permission.SitesRead))
        {
            var names = await db.Sites.AsNoTracking().VisibleTo(actor).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
            foreach (var camera in await db.Cameras.AsNoTracking().VisibleTo(actor).OrderBy(c => c.Name).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (recorders.StatusOf(camera.Id) is { State: "offline" or "degraded" } status)
                {
                    cameras.Add(new CameraFault(camera.Id.Value, camera.Name, names.GetValueOrDefault(camera.SiteId, "?"), status.State));
                }
            }
        }

        var now = time.GetUtcNow();
        // Who is on duty is the centre's staff's business: an authority account does not see it.
        var sessions = actor.Can(Permission.SitesRead)
            ? await db.Sessions.AsNoTracking().Where(s => s.EndedAt == null && s.ExpiresAt > now)
                .Join(db.People.AsNoTracking(), s => s.PersonId, p => p.Id, (s, p) => new { p.DisplayName, p.Role, s.StartedAt })
                .ToListAsync(cancellationToken).ConfigureAwait(false)
            : [];
        var onDuty = sessions.GroupBy(s => s.DisplayName).Select(g => new OnDuty(g.Key, g.First().Role.ToString(), g.Min(s => s.StartedAt)))
            .OrderBy(p => p.Since).ToList();
        return new OverviewDto(byPriority, open.Take(8).ToList(), cameras, transmitters, entries, onDuty, recent);
    }
}
