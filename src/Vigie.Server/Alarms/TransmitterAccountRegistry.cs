using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Dc09;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Database;
using Vigie.Storage.Model;

namespace Vigie.Server.Alarms;

/// <summary>
/// Declares and changes transmitter accounts (site, AES key, supervision, in or out of service), for the
/// command line (<c>vigie accounts add</c>) and for administrators in the console and the API. One set of
/// rules for both: account and key validated here, the key stored protected, every change in the audit
/// journal — never the key. In a running host the receiver's directory is reloaded at once.
/// </summary>
public sealed class TransmitterAccountRegistry(VigieDbFactory dbFactory, AccountKeyProtector keys, AuditLog audit, TimeProvider time, AccountDirectory? directory = null)
{
    /// <summary>Declares or updates an account from the server's shell: site, key and supervision are all replaced.</summary>
    /// <param name="site">The site's id or exact name.</param>
    /// <param name="aesKeyHex">32, 48 or 64 hex digits (AES-128/192/256), or null for an account that sends in clear.</param>
    public async Task<TransmitterAccount> SaveAsync(string account, string site, string? aesKeyHex, TimeSpan? supervision, string author, CancellationToken cancellationToken)
    {
        var normalised = TransmitterAccount.NormaliseAccount(account);
        var key = ParseKey(aesKeyHex);
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
            existing.Update(found.Id, protectedKey, supervision, time.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(Describe(existing, found.Name, key), null, author, existing, cancellationToken).ConfigureAwait(false);
        return existing;
    }

    /// <summary>Declares a new account (administrators). An account already declared is refused: change it instead.</summary>
    public async Task<TransmitterView> CreateAsync(Actor actor, TransmitterAccountInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Demand(actor, input.SiteId);
        var normalised = TransmitterAccount.NormaliseAccount(input.Account);
        var key = ParseKey(input.AesKey);
        await using var db = dbFactory.CreateDbContext();
        var siteName = await SiteNameAsync(db, input.SiteId, cancellationToken).ConfigureAwait(false);
        if (await db.TransmitterAccounts.AnyAsync(a => a.Account == normalised, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("account.taken", $"The transmitter account {normalised} is already declared; change it in the list instead.", nameof(TransmitterAccountInput.Account));
        }

        var account = new TransmitterAccount(normalised, new SiteId(input.SiteId), key is null ? null : keys.Protect(key), input.SupervisionInterval, time.GetUtcNow());
        db.TransmitterAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(Describe(account, siteName, key), actor, account, cancellationToken).ConfigureAwait(false);
        return TransmitterView.Of(account, siteName, null);
    }

    /// <summary>Moves an account to another site and/or changes its supervision interval; the key is left as it is.</summary>
    public async Task<TransmitterView> UpdateAsync(Actor actor, string account, TransmitterAccountChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        Demand(actor, change.SiteId);
        await using var db = dbFactory.CreateDbContext();
        var row = await FindAsync(db, actor, account, cancellationToken).ConfigureAwait(false);
        var siteName = await SiteNameAsync(db, change.SiteId, cancellationToken).ConfigureAwait(false);
        var before = (Site: await SiteNameAsync(db, row.SiteId.Value, cancellationToken).ConfigureAwait(false), Supervision: Supervision(row.SupervisionInterval));
        row.MoveTo(new SiteId(change.SiteId));
        row.Supervise(change.SupervisionInterval, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync($"Compte transmetteur {row.Account} modifié : site « {before.Site} » → « {siteName} », {before.Supervision} → {Supervision(row.SupervisionInterval)}.", actor, row, cancellationToken).ConfigureAwait(false);
        return TransmitterView.Of(row, siteName, directory?.LastSeen(row.Account));
    }

    /// <summary>Sets, replaces or (null/empty) removes the AES key. The key is never returned nor written anywhere in clear.</summary>
    public async Task<TransmitterView> SetKeyAsync(Actor actor, string account, string? aesKeyHex, CancellationToken cancellationToken)
    {
        Demand(actor);
        var key = ParseKey(aesKeyHex);
        await using var db = dbFactory.CreateDbContext();
        var row = await FindAsync(db, actor, account, cancellationToken).ConfigureAwait(false);
        var had = row.ProtectedKey is not null;
        row.SetKey(key is null ? null : keys.Protect(key));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var what = key is null
            ? had ? "clé AES retirée (transmission en clair)" : "toujours en clair"
            : string.Create(CultureInfo.InvariantCulture, $"clé AES-{key.Length * 8} {(had ? "remplacée" : "définie")}");
        await AuditAsync($"Compte transmetteur {row.Account} : {what}.", actor, row, cancellationToken).ConfigureAwait(false);
        return TransmitterView.Of(row, await SiteNameAsync(db, row.SiteId.Value, cancellationToken).ConfigureAwait(false), directory?.LastSeen(row.Account));
    }

    /// <summary>
    /// Takes an account out of service or puts it back. While disabled, its panel is treated as undeclared
    /// (signals kept as "compte inconnu") and its link is not supervised.
    /// </summary>
    public async Task<TransmitterView> SetEnabledAsync(Actor actor, string account, bool enabled, CancellationToken cancellationToken)
    {
        Demand(actor);
        await using var db = dbFactory.CreateDbContext();
        var row = await FindAsync(db, actor, account, cancellationToken).ConfigureAwait(false);
        if (enabled)
        {
            row.Enable(time.GetUtcNow());
        }
        else
        {
            row.Disable();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(enabled
            ? $"Compte transmetteur {row.Account} réactivé."
            : $"Compte transmetteur {row.Account} désactivé : ses signaux arrivent comme « compte inconnu » et sa liaison n'est plus supervisée.", actor, row, cancellationToken).ConfigureAwait(false);
        return TransmitterView.Of(row, await SiteNameAsync(db, row.SiteId.Value, cancellationToken).ConfigureAwait(false), directory?.LastSeen(row.Account));
    }

    /// <summary>Hex to key bytes; null when there is no key; refused unless 16, 24 or 32 bytes (AES-128/192/256).</summary>
    private static byte[]? ParseKey(string? aesKeyHex)
    {
        if (string.IsNullOrWhiteSpace(aesKeyHex))
        {
            return null;
        }

        byte[]? key;
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

        return key;
    }

    /// <summary>Administrators only; and, should an administering role ever be scoped to some sites, only on those.</summary>
    private static void Demand(Actor actor, Guid? site = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesAdminister);
        if (site is { } id)
        {
            actor.DemandSite(new SiteId(id));
        }
    }

    private static async Task<TransmitterAccount> FindAsync(VigieDbContext db, Actor actor, string account, CancellationToken cancellationToken)
    {
        var normalised = TransmitterAccount.NormaliseAccount(account);
        var row = await db.TransmitterAccounts.SingleOrDefaultAsync(a => a.Account == normalised, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No transmitter account {normalised}.");
        actor.DemandSite(row.SiteId);
        return row;
    }

    private static async Task<string> SiteNameAsync(VigieDbContext db, Guid site, CancellationToken cancellationToken)
    {
        var id = new SiteId(site);
        return await db.Sites.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException("site.unknown", "This site does not exist.", nameof(TransmitterAccountInput.SiteId));
    }

    private static string Describe(TransmitterAccount account, string siteName, byte[]? key) => string.Create(CultureInfo.InvariantCulture,
        $"Compte transmetteur {account.Account} → site « {siteName} » ({(key is null ? "en clair" : $"AES-{key.Length * 8}")}, {Supervision(account.SupervisionInterval)}).");

    private static string Supervision(TimeSpan? interval) =>
        interval is { } s ? string.Create(CultureInfo.InvariantCulture, $"supervision {s.TotalSeconds} s") : "sans supervision";

    private Task AuditAsync(string text, Actor actor, TransmitterAccount account, CancellationToken cancellationToken) =>
        AuditAsync(text, actor.Id, actor.UserName, account, cancellationToken);

    private async Task AuditAsync(string text, PersonId? authorId, string authorName, TransmitterAccount account, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(AuditCategory.TransmitterChanged, text, authorId, authorName, account.SiteId, $"transmitter:{account.Account}", cancellationToken).ConfigureAwait(false);
        if (directory is not null)
        {
            // The receiver sees the change at once rather than at its next periodic reload.
            await directory.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
