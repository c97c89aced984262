using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Storage.Access;
using Vigie.Storage.Model;

namespace Vigie.Storage.Logbook;

/// <summary>Reads of the journals, always through the actor's scope: lists go through <see cref="SiteScope"/>, in SQL.</summary>
public static class LogbookQueries
{
    public static async Task<IReadOnlyList<LogbookEntry>> ListAsync(
        VigieDbContext db, Actor actor, Journal journal, LogbookFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);

        var query = db.LogbookEntries.AsNoTracking().VisibleTo(actor).Where(e => e.Journal == journal);
        if (filter.SiteId is { } site)
        {
            query = query.Where(e => e.SiteId == site);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.RecordedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.RecordedAt < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var category = filter.Category.Trim();
            query = query.Where(e => e.Category == category);
        }

        if (filter.Categories is { Count: > 0 } categories)
        {
            var any = categories.ToList();
            query = query.Where(e => any.Contains(e.Category));
        }

        if (!string.IsNullOrWhiteSpace(filter.Author))
        {
            var author = filter.Author.Trim().ToLower();
            query = query.Where(e => e.AuthorName.ToLower().Contains(author));
        }

        if (filter.BeforeId is { } before)
        {
            query = query.Where(e => e.Id < before);
        }

        var limit = Math.Clamp(filter.Limit, 1, LogbookFilter.MaxLimit);
        return await query.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<LogbookEntry?> FindAsync(VigieDbContext db, Actor actor, Journal journal, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = await db.LogbookEntries.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == id && e.Journal == journal, cancellationToken)
            .ConfigureAwait(false);
        if (entry is not null && !actor.CanSeeLogbookSite(entry.SiteId is { } s ? new Domain.SiteId(s) : null))
        {
            throw new AccessDeniedException("This entry belongs to a site you are not assigned to.");
        }

        return entry;
    }
}
