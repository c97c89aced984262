using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Receiver;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>
/// Signals and transmitters as a person may see them: those of their sites, scoped in the query; signals
/// of unknown accounts (no site) are shown to everyone who reads alarms, since someone must deal with them.
/// </summary>
public sealed class SignalQueries(VigieDbFactory dbFactory, AccountDirectory directory, ToleratedDeviations deviations)
{
    public const int MaxLimit = 500;

    public async Task<IReadOnlyList<SignalView>> ListAsync(Actor actor, Guid? siteId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        if (siteId is { } requested)
        {
            actor.DemandSite(new SiteId(requested));
        }

        await using var db = dbFactory.CreateDbContext();
        var query = db.AlarmSignals.AsNoTracking().VisibleTo(actor);
        if (siteId is { } only)
        {
            var site = new SiteId(only);
            query = query.Where(s => s.SiteId == site);
        }

        if (beforeId is { } before)
        {
            query = query.Where(s => s.Id < before);
        }

        var rows = await query.OrderByDescending(s => s.Id).Take(Math.Clamp(limit, 1, MaxLimit)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await SiteNamesAsync(db, actor, cancellationToken).ConfigureAwait(false);
        return rows.Select(s => SignalView.Of(s, s.SiteId is { } id ? names.GetValueOrDefault(id) : null)).ToList();
    }

    public async Task<IReadOnlyList<TransmitterView>> TransmittersAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.TransmitterAccounts.AsNoTracking().VisibleTo(actor).OrderBy(a => a.Account).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await SiteNamesAsync(db, actor, cancellationToken).ConfigureAwait(false);
        return rows.Select(a => TransmitterView.Of(a, names.GetValueOrDefault(a.SiteId) ?? "?", directory.LastSeen(a.Account), deviations.Of(a.Account))).ToList();
    }

    /// <summary>The names of the sites the actor may see: every row listed above belongs to one of them, or to none.</summary>
    private static Task<Dictionary<SiteId, string>> SiteNamesAsync(Storage.Model.VigieDbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Sites.AsNoTracking().VisibleTo(actor).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
}
