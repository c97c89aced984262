using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Intake;
using Vigie.Storage.Database;
using Vigie.Storage.Model;

namespace Vigie.Server.Alarms;

/// <summary>
/// Looks a source's event id up among the stored signals, so that idempotency holds across restarts. The message-key
/// index leaves DC-09 rows out (<see cref="VigieDbContext.MessageKeyIndexFilter"/>); the query repeats that condition,
/// with the constant inlined, so that both SQLite and PostgreSQL can use the partial index.
/// </summary>
public sealed class DbMessageKeyIndex(VigieDbFactory dbFactory) : IMessageKeyIndex
{
    public async Task<bool> ContainsAsync(string source, string messageKey, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.AlarmSignals.AsNoTracking().AnyAsync(s => s.MessageKey == messageKey && s.Source == source && s.Source != VigieDbContext.Dc09Source, cancellationToken).ConfigureAwait(false);
    }
}
