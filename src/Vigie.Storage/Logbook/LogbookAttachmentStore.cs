using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;

namespace Vigie.Storage.Logbook;

/// <summary>
/// Stores and reads log book attachments by their SHA-256. An attachment is stored before the entry that
/// names it, so an entry never names bytes that are not there; an attachment whose entry failed to be
/// written stays unreferenced (harmless, and never shown: attachments are reached through entries).
/// </summary>
public static class LogbookAttachmentStore
{
    /// <summary>Stores the attachment unless the same bytes are already stored (same hash).</summary>
    public static async Task StoreAsync(VigieDbFactory factory, LogbookAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(attachment);
        await using var db = factory.CreateDbContext();
        if (await db.LogbookAttachments.AnyAsync(a => a.Sha256 == attachment.Sha256, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.LogbookAttachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Stored by a concurrent writer between the check and the insert: the same bytes, nothing to do.
            if (!await ExistsAsync(factory, attachment.Sha256, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    public static async Task<LogbookAttachment?> FindAsync(VigieDbFactory factory, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = factory.CreateDbContext();
        return await db.LogbookAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Sha256 == sha256, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ExistsAsync(VigieDbFactory factory, string sha256, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.LogbookAttachments.AnyAsync(a => a.Sha256 == sha256, cancellationToken).ConfigureAwait(false);
    }
}
