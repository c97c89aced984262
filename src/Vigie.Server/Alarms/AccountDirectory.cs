using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Receiver;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>
/// The transmitter accounts in memory for the receiver (looked up on every frame), reloaded from the
/// database every few seconds and on every change made through Vigie; last-seen times kept in memory and
/// written back by the supervisor.
/// </summary>
public sealed partial class AccountDirectory(VigieDbFactory dbFactory, AccountKeyProtector keys, ILogger<AccountDirectory> logger) : IAccountDirectory
{
    private volatile FrozenDictionary<string, AccountInfo> _accounts = FrozenDictionary<string, AccountInfo>.Empty;
    // One cell per account, updated without a lock: every frame of the account writes its time here.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _seen = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, AccountInfo> All => _accounts;

    public AccountInfo? Find(string account) => _accounts.GetValueOrDefault(account);

    public void Seen(string account, DateTimeOffset at)
    {
        if (!_seen.TryGetValue(account, out var cell))
        {
            cell = _seen.GetOrAdd(account, static _ => new StrongBox<long>(long.MinValue));
        }

        var ticks = at.UtcTicks;
        var old = Volatile.Read(ref cell.Value);
        while (ticks > old)
        {
            var seen = Interlocked.CompareExchange(ref cell.Value, ticks, old);
            if (seen == old)
            {
                return;
            }

            old = seen;
        }
    }

    public DateTimeOffset? LastSeen(string account) =>
        _seen.TryGetValue(account, out var cell) && Volatile.Read(ref cell.Value) is var ticks && ticks != long.MinValue ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        // A disabled account is left out: the receiver treats its panel as undeclared (signals kept as "compte inconnu").
        var rows = await db.TransmitterAccounts.AsNoTracking().Where(a => !a.Disabled).ToListAsync(cancellationToken).ConfigureAwait(false);
        var accounts = new Dictionary<string, AccountInfo>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byte[]? key = null;
            if (row.ProtectedKey is { } protectedKey)
            {
                try
                {
                    key = keys.Unprotect(protectedKey);
                }
                catch (CryptographicException ex)
                {
                    // Keys of another data folder: the account's encrypted frames will be refused (NAK) until its key is set again.
                    LogKeyUnreadable(logger, row.Account, ex.Message);
                }
            }

            accounts[row.Account] = new AccountInfo(row.Account, row.SiteId, key, row.SupervisionInterval);
            if (row.LastSeenAt is { } seen)
            {
                Seen(row.Account, seen);
            }
        }

        _accounts = accounts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The AES key of transmitter account {Account} cannot be read ({Reason}); its encrypted frames will be refused")]
    private static partial void LogKeyUnreadable(ILogger logger, string account, string reason);
}
