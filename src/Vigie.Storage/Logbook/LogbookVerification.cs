using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;

namespace Vigie.Storage.Logbook;

/// <summary>
/// Walks each journal in sequence order, streaming, and stops at the first broken link. Then every
/// attachment named by a checked main-courante entry is read and hashed again: the chain proves the entry
/// still names the same SHA-256, the hash proves the stored bytes are still those.
/// </summary>
public static class LogbookVerification
{
    public static async Task<VerificationReport> VerifyAsync(VigieDbFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var counts = new Dictionary<Journal, long>();
        ChainBreak? firstBreak = null;
        var attachments = new List<(long EntryId, long Sequence, string Sha256)>();
        foreach (var journal in Enum.GetValues<Journal>())
        {
            await using var db = factory.CreateDbContext();
            var verifier = new ChainVerifier(journal);
            var entries = db.LogbookEntries.AsNoTracking()
                .Where(e => e.Journal == journal)
                .OrderBy(e => e.Sequence)
                .AsAsyncEnumerable()
                .WithCancellation(cancellationToken)
                .ConfigureAwait(false);
            await foreach (var entry in entries)
            {
                if (!verifier.Check(entry))
                {
                    break;
                }

                if (journal == Journal.MainCourante && AttachmentReference.Find(entry.References) is { } sha)
                {
                    attachments.Add((entry.Id, entry.Sequence, sha));
                }
            }

            counts[journal] = verifier.Checked;
            firstBreak ??= verifier.FirstBreak;
        }

        var (checkedAttachments, brokenAttachment) = await VerifyAttachmentsAsync(factory, attachments, cancellationToken).ConfigureAwait(false);
        return new VerificationReport(counts, firstBreak, brokenAttachment) { AttachmentsChecked = checkedAttachments };
    }

    private static async Task<(long Checked, AttachmentBreak? Broken)> VerifyAttachmentsAsync(
        VigieDbFactory factory, List<(long EntryId, long Sequence, string Sha256)> attachments, CancellationToken cancellationToken)
    {
        long done = 0;
        foreach (var (entryId, sequence, sha) in attachments)
        {
            // One at a time: an attachment is up to 8 MiB, never load them all.
            await using var db = factory.CreateDbContext();
            var attachment = await db.LogbookAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Sha256 == sha, cancellationToken).ConfigureAwait(false);
            if (attachment is null || !attachment.IsIntact)
            {
                return (done, new AttachmentBreak(entryId, sequence, sha, attachment is null));
            }

            done++;
        }

        return (done, null);
    }
}
