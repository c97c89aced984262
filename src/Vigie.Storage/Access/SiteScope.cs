using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Cameras;
using Vigie.Domain.Equipment;
using Vigie.Domain.Logbook;
using Vigie.Domain.Sites;

namespace Vigie.Storage.Access;

/// <summary>
/// The one filter "rows of the person's sites", in SQL, for every query that lists site data: sites, cameras, log
/// book entries, alarm signals, transmitter accounts and equipment (history, declared devices, maintenance, fault tickets). Administrators and auditors see every site
/// (<see cref="Actor.SeesAllSites"/>); others only the sites assigned to them. Log book entries and signals
/// without a site (shift notes, system events, unknown accounts, the centre's own equipment) are shown to whoever may read them, as
/// <see cref="Actor.CanSeeLogbookSite"/> says. A single row is checked in memory with <see cref="Actor.DemandSite"/>,
/// which answers "forbidden" rather than "missing".
/// </summary>
public static class SiteScope
{
    /// <summary>The comment EF writes at the top of the SQL of every query that went through here (tests look for it).</summary>
    public const string Tag = "vigie:site-scope";

    /// <summary>
    /// The site column of each entity that carries one, as the filter keeping the rows of <c>sites</c> (the actor's
    /// assigned sites); a test checks that every entity of the model with a site column is here or exempted.
    /// </summary>
    private static readonly Dictionary<Type, Func<List<SiteId>, LambdaExpression>> Filters = new()
    {
        [typeof(Site)] = sites => Filter<Site>(s => sites.Contains(s.Id)),
        [typeof(Camera)] = sites => Filter<Camera>(c => sites.Contains(c.SiteId)),
        [typeof(TransmitterAccount)] = sites => Filter<TransmitterAccount>(a => sites.Contains(a.SiteId)),
        [typeof(AlarmSignal)] = sites => Filter<AlarmSignal>(s => s.SiteId == null || sites.Contains(s.SiteId.Value)),
        [typeof(Alarm)] = sites => Filter<Alarm>(a => a.SiteId == null || sites.Contains(a.SiteId.Value)),
        [typeof(FaultTicket)] = sites => Filter<FaultTicket>(t => t.SiteId == null || sites.Contains(t.SiteId.Value)),
        [typeof(ManualEquipment)] = sites => Filter<ManualEquipment>(d => d.SiteId == null || sites.Contains(d.SiteId.Value)),
        [typeof(MaintenanceWindow)] = sites => Filter<MaintenanceWindow>(w => w.SiteId == null || sites.Contains(w.SiteId.Value)),
        [typeof(EquipmentStateChange)] = sites => Filter<EquipmentStateChange>(c => c.SiteId == null || sites.Contains(c.SiteId.Value)),
        [typeof(LogbookEntry)] = sites =>
        {
            // The log book keeps its site as a plain Guid (it is hashed into the chain as such).
            var ids = sites.Select(s => (Guid?)s.Value).ToList();
            return Filter<LogbookEntry>(e => e.SiteId == null || ids.Contains(e.SiteId));
        },
    };

    /// <summary>The entity types whose lists go through <see cref="VisibleTo"/>.</summary>
    public static IReadOnlyCollection<Type> ScopedTypes => Filters.Keys;

    /// <summary>Keeps the rows <paramref name="actor"/> may see. <typeparamref name="T"/> must be one of <see cref="ScopedTypes"/>.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Filters.TryGetValue(typeof(T), out var filter))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has no site column known to SiteScope: add it there before listing it.");
        }

        var tagged = query.TagWith(Tag);
        return actor.SeesAllSites ? tagged : tagged.Where((Expression<Func<T, bool>>)filter([.. actor.AssignedSites]));
    }

    private static Expression<Func<T, bool>> Filter<T>(Expression<Func<T, bool>> predicate) => predicate;
}
