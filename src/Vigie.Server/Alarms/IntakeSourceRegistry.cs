using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Domain.Sites;
using Vigie.Server.Audit;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>
/// Declares webhook and MQTT intake sources and turns them on or off. A webhook's token is 256 random bits,
/// returned once; only its SHA-256 is stored (a token that long needs no slow hash: it cannot be guessed
/// from its hash). An MQTT password is stored protected. Every change goes to the audit journal, never a
/// secret.
/// </summary>
public sealed class IntakeSourceRegistry(VigieDbFactory dbFactory, SecretProtector secrets, AuditLog audit, TimeProvider time)
{
    public const string TokenPrefix = "vgi_";

    /// <param name="sites">Names or ids; the first is where messages that name no site go.</param>
    public async Task<NewWebhookSource> AddWebhookAsync(string name, IReadOnlyList<string> sites, string author, CancellationToken cancellationToken)
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = dbFactory.CreateDbContext();
        var found = await ResolveSitesAsync(db, sites, cancellationToken).ConfigureAwait(false);
        var source = IntakeSource.Webhook(name, found[0].Id, found.Skip(1).Select(s => s.Id), HashToken(token), time.GetUtcNow());
        await AddAsync(db, source, cancellationToken).ConfigureAwait(false);
        await AuditAsync(source, found, $"Source d'alarmes webhook « {source.Name} » déclarée → {SiteList(found)} (jeton remis une fois, conservé haché).", author, cancellationToken).ConfigureAwait(false);
        return new NewWebhookSource(View(source, found.ToDictionary(s => s.Id, s => s.Name), null), token);
    }

    public async Task<IntakeSourceView> AddMqttAsync(string name, IReadOnlyList<string> sites, string broker, string topicFilter, string? username, string? password, string author, CancellationToken cancellationToken)
    {
        var address = MqttBrokerAddress.Parse(broker);
        await using var db = dbFactory.CreateDbContext();
        var found = await ResolveSitesAsync(db, sites, cancellationToken).ConfigureAwait(false);
        var source = IntakeSource.Mqtt(name, found[0].Id, found.Skip(1).Select(s => s.Id), address.Host, address.Port, address.Tls, topicFilter, username,
            string.IsNullOrEmpty(password) ? null : secrets.Protect(password), time.GetUtcNow());
        await AddAsync(db, source, cancellationToken).ConfigureAwait(false);
        await AuditAsync(source, found, $"Source d'alarmes MQTT « {source.Name} » déclarée : {address} sujet « {topicFilter} »{(username is null ? string.Empty : $", utilisateur {username}")} → {SiteList(found)}.", author, cancellationToken).ConfigureAwait(false);
        return View(source, found.ToDictionary(s => s.Id, s => s.Name), null);
    }

    public async Task<IntakeSourceView> EnableAsync(string name, bool enabled, string author, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var source = await FindAsync(db, name, cancellationToken).ConfigureAwait(false);
        source.Enable(enabled);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var names = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.IntakeSourceChanged, $"Source d'alarmes « {source.Name} » {(enabled ? "activée" : "désactivée")}.", null, author, source.DefaultSiteId, $"intake:{source.Name}", cancellationToken).ConfigureAwait(false);
        return View(source, names, null);
    }

    /// <summary>A new token for a webhook source; the old one stops working once the host reloads its sources (within 5 s).</summary>
    public async Task<NewWebhookSource> ReplaceTokenAsync(string name, string author, CancellationToken cancellationToken)
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = dbFactory.CreateDbContext();
        var source = await FindAsync(db, name, cancellationToken).ConfigureAwait(false);
        source.ReplaceToken(HashToken(token));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var names = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.IntakeSourceChanged, $"Source d'alarmes « {source.Name} » : nouveau jeton (l'ancien est révoqué).", null, author, source.DefaultSiteId, $"intake:{source.Name}", cancellationToken).ConfigureAwait(false);
        return new NewWebhookSource(View(source, names, null), token);
    }

    public async Task<IReadOnlyList<IntakeSourceView>> ListAsync(Func<string, bool?>? connected, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.IntakeSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        return rows.Select(s => View(s, names, connected?.Invoke(s.Name))).ToList();
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes, lower-case hex: what is stored and compared.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<IntakeSource> FindAsync(Storage.Model.VigieDbContext db, string name, CancellationToken cancellationToken)
    {
        var normalised = IntakeSource.NormaliseName(name);
        return await db.IntakeSources.SingleOrDefaultAsync(s => s.Name == normalised, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No intake source '{normalised}'.");
    }

    private static async Task AddAsync(Storage.Model.VigieDbContext db, IntakeSource source, CancellationToken cancellationToken)
    {
        if (await db.IntakeSources.AnyAsync(s => s.Name == source.Name, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("intake.name_taken", $"There is already an intake source named '{source.Name}'.", "Name");
        }

        db.IntakeSources.Add(source);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Site>> ResolveSitesAsync(Storage.Model.VigieDbContext db, IReadOnlyList<string> sites, CancellationToken cancellationToken)
    {
        if (sites.Count == 0)
        {
            throw new DomainException("intake.site_required", "A source needs at least one site.", "Sites");
        }

        var all = await db.Sites.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<Site>();
        foreach (var wanted in sites)
        {
            var site = all.FirstOrDefault(s => Guid.TryParse(wanted, out var id) ? s.Id.Value == id : s.Name == wanted)
                ?? throw new NotFoundException($"No site '{wanted}'.");
            if (!found.Contains(site))
            {
                found.Add(site);
            }
        }

        return found;
    }

    private Task AuditAsync(IntakeSource source, List<Site> sites, string detail, string author, CancellationToken cancellationToken) =>
        audit.WriteAsync(AuditCategory.IntakeSourceChanged, detail, null, author, sites[0].Id, $"intake:{source.Name}", cancellationToken);

    private static string SiteList(List<Site> sites) => string.Join(", ", sites.Select(s => $"« {s.Name} »"));

    private static IntakeSourceView View(IntakeSource s, IReadOnlyDictionary<SiteId, string> names, bool? connected) => new(
        s.Name,
        s.Kind == IntakeSourceKind.Webhook ? "webhook" : "mqtt",
        s.Enabled,
        new[] { s.DefaultSiteId }.Concat(s.OtherSites.Select(o => o.SiteId)).Select(id => names.GetValueOrDefault(id) ?? id.ToString()).ToList(),
        s.Kind == IntakeSourceKind.Webhook ? $"/api/intake/webhook/{s.Name}" : null,
        s.BrokerHost is null ? null : new MqttBrokerAddress(s.BrokerHost, s.BrokerPort ?? 1883, s.BrokerTls).ToString(),
        s.TopicFilter,
        s.Username,
        s.ProtectedPassword is not null,
        s.Kind == IntakeSourceKind.Mqtt ? connected : null,
        s.CreatedAt);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
