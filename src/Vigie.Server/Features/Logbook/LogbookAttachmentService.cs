using System.Globalization;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Server.Snapshots;
using Vigie.Storage.Database;
using Microsoft.EntityFrameworkCore;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Logbook;

/// <summary>
/// Main-courante entries with a snapshot attached, and the download of an entry's attachment. The
/// snapshot is stored first (by its SHA-256), then the entry is appended naming that hash in its
/// references, which the chain covers: the attachment cannot be swapped without <c>vigie logbook verify</c>
/// seeing it. Downloads follow the entry's scope: whoever may read the entry may read its attachment.
/// </summary>
public sealed class LogbookAttachmentService(VigieDbFactory dbFactory, LogbookService logbook, SnapshotService snapshots, TimeProvider time)
{
    public async Task<LogbookEntryDto> AddSnapshotEntryAsync(Actor actor, NewSnapshotEntry request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.LogbookWrite);
        actor.Demand(Permission.VideoView);
        var category = request.Category?.Trim() ?? string.Empty;
        if (!LogbookCategory.IsManual(category))
        {
            throw new DomainException("logbook.category_unknown", $"Unknown category '{category}'.", nameof(NewSnapshotEntry.Category));
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new DomainException("logbook.text_required", "The entry text is required.", nameof(NewSnapshotEntry.Text));
        }

        var snapshot = await snapshots.TakeAsync(actor, new CameraId(request.CameraId), request.At, cancellationToken).ConfigureAwait(false);
        if (request.SiteId is { } site && site != snapshot.Camera.SiteId)
        {
            throw new DomainException("logbook.snapshot_site_mismatch", "This camera belongs to another site than the entry's.", nameof(NewSnapshotEntry.SiteId));
        }

        AttachmentReference.DemandNone(request.References, nameof(NewSnapshotEntry.References));
        var attachment = new LogbookAttachment(snapshot.Jpeg, "image/jpeg", snapshot.FileName, time.GetUtcNow());
        await LogbookAttachmentStore.StoreAsync(dbFactory, attachment, cancellationToken).ConfigureAwait(false);
        var vigieReferences = string.Join(' ', new[]
        {
            AttachmentReference.Format(attachment.Sha256),
            string.Create(CultureInfo.InvariantCulture, $"camera:{snapshot.Camera.Id}"),
            string.Create(CultureInfo.InvariantCulture, $"{(snapshot.Recorded ? "instant" : "direct")}:{snapshot.At:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}"),
        });
        return await logbook.AddAsync(actor, new NewLogbookEntry(snapshot.Camera.SiteId, category, request.Text, request.References), vigieReferences, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The attachment of main-courante entry <paramref name="entryId"/>; 404 when the entry has none. Pictures
    /// are for those who may see video (an auditor sees that a picture exists, its hash and who took it, in
    /// the entry), and for those who may read the entry that <em>stored</em> it: an entry naming another
    /// site's picture (written before names were reserved to Vigie) opens nothing.
    /// </summary>
    public async Task<LogbookAttachment> GetAsync(Actor actor, long entryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.VideoView);
        var entry = await logbook.GetAsync(actor, entryId, cancellationToken).ConfigureAwait(false);
        var sha = AttachmentReference.Find(entry.References) ?? throw new NotFoundException($"Entry #{entryId} has no attachment.");
        await using (var db = dbFactory.CreateDbContext())
        {
            // The first entry naming the picture is the one Vigie appended right after storing it.
            var reference = AttachmentReference.Format(sha);
            var storing = await db.LogbookEntries.AsNoTracking()
                .Where(e => e.Journal == Journal.MainCourante && e.References.Contains(reference))
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.SiteId })
                .FirstAsync(cancellationToken).ConfigureAwait(false);
            if (storing.Id != entry.Id && storing.SiteId is { } site)
            {
                actor.DemandSite(new SiteId(site));
            }
        }

        return await LogbookAttachmentStore.FindAsync(dbFactory, sha, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"The attachment of entry #{entryId} is missing from the database; run `vigie logbook verify`.");
    }
}
