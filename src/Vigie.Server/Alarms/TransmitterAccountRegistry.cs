using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Dc09;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>Declares or updates a transmitter account (site, AES key, supervision); every change goes to the audit journal, never the key.</summary>
public sealed class TransmitterAccountRegistry(VigieDbFactory dbFactory, AccountKeyProtector keys, AuditLog audit, TimeProvider time)
{
    /// <param name="site">The site's id or exact name.</param>
    /// <param name="aesKeyHex">32, 48 or 64 hex digits (AES-128/192/256), or null for an account that sends in clear.</param>
    public async Task<TransmitterAccount> SaveAsync(string account, string site, string? aesKeyHex, TimeSpan? supervision, string author, CancellationToken cancellationToken)
    {
        var normalised = TransmitterAccount.NormaliseAccount(account);
        byte[]? key = null;
        if (!string.IsNullOrWhiteSpace(aesKeyHex))
        {
            try
            {
                key = Convert.FromHexString(aesKeyHex.Trim());
            }
            catch (FormatException)
            {
                key = null;
            }

            if (key is null || !Dc09Encryption.IsValidKey(key))
            {
                throw new DomainException("account.key_invalid", "The AES key must be 32, 48 or 64 hexadecimal digits (AES-128, 192 or 256).", "AesKey");
            }
        }

        await using var db = dbFactory.CreateDbContext();
        var found = Guid.TryParse(site, out var id)
            ? await db.Sites.SingleOrDefaultAsync(s => s.Id == new SiteId(id), cancellationToken).ConfigureAwait(false)
            : await db.Sites.SingleOrDefaultAsync(s => s.Name == site, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            throw new NotFoundException($"No site '{site}'.");
        }

        var protectedKey = key is null ? null : keys.Protect(key);
        var existing = await db.TransmitterAccounts.SingleOrDefaultAsync(a => a.Account == normalised, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            existing = new TransmitterAccount(normalised, found.Id, protectedKey, supervision, time.GetUtcNow());
            db.TransmitterAccounts.Add(existing);
        }
        else
        {
            existing.Update(found.Id, protectedKey, supervision);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"Compte transmetteur {normalised} → site « {found.Name} » ({(key is null ? "en clair" : $"AES-{key.Length * 8}")}, {(supervision is { } s ? $"supervision {s.TotalSeconds} s" : "sans supervision")}).");
        await audit.WriteAsync(AuditCategory.TransmitterChanged, detail, null, author, found.Id, $"transmitter:{normalised}", cancellationToken).ConfigureAwait(false);
        return existing;
    }
}
