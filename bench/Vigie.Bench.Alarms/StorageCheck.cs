using Microsoft.EntityFrameworkCore;
using Vigie.Storage.Database;

namespace Vigie.Bench.Alarms;

/// <summary>What the database holds after a run, checked against what the receiver acknowledged.</summary>
public sealed record StorageCheck(long Stored, long Acked, long AckedMissing, long StoredNotAcked)
{
    /// <summary>Every stored DC-09 signal was acknowledged and every acknowledged message is stored, once.</summary>
    public bool Ok => AckedMissing == 0 && Stored == Acked && StoredNotAcked == 0;

    public static async Task<StorageCheck> RunAsync(VigieDbFactory factory, IEnumerable<PanelLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = factory.CreateDbContext();
        var keys = await db.AlarmSignals.AsNoTracking()
            .Where(s => s.Source == "dc09")
            .Select(s => s.MessageKey!)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var stored = new HashSet<string>(keys, StringComparer.Ordinal);
        var acked = new HashSet<string>(lines.SelectMany(l => l.AckedKeys), StringComparer.Ordinal);
        return new StorageCheck(keys.Count, acked.Count, acked.Count(k => !stored.Contains(k)), stored.Count(k => !acked.Contains(k)));
    }
}
