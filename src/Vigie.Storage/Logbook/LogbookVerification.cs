using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;

namespace Vigie.Storage.Logbook;

/// <summary>Walks each journal in sequence order, streaming, and stops at the first broken link.</summary>
public static class LogbookVerification
{
    public static async Task<VerificationReport> VerifyAsync(VigieDbFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var counts = new Dictionary<Journal, long>();
        ChainBreak? firstBreak = null;
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
            }

            counts[journal] = verifier.Checked;
            firstBreak ??= verifier.FirstBreak;
        }

        return new VerificationReport(counts, firstBreak);
    }
}
