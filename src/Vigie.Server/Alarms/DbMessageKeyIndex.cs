using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Intake;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>Looks a source's event id up among the stored signals (indexed on the message key), so that idempotency holds across restarts.</summary>
public sealed class DbMessageKeyIndex(VigieDbFactory dbFactory) : IMessageKeyIndex
{
    public async Task<bool> ContainsAsync(string source, string messageKey, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.AlarmSignals.AsNoTracking().AnyAsync(s => s.MessageKey == messageKey && s.Source == source, cancellationToken).ConfigureAwait(false);
    }
}
