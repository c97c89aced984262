using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Intake;
using Vigie.Alarms.Mqtt;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>
/// The intake sources in memory (looked up on every webhook call), reloaded from the database every few
/// seconds by <see cref="MqttIntakeService"/> and at once by the changes made through the host's API.
/// </summary>
public sealed partial class IntakeSourceDirectory(VigieDbFactory dbFactory, SecretProtector secrets, ILogger<IntakeSourceDirectory> logger)
{
    private volatile FrozenDictionary<string, IntakeSourceEntry> _sources = FrozenDictionary<string, IntakeSourceEntry>.Empty;

    public IReadOnlyCollection<IntakeSourceEntry> All => _sources.Values;

    public IntakeSourceEntry? Find(string name) => _sources.GetValueOrDefault(name);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.IntakeSources.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = sites.ToDictionary(s => s.Id, s => s.Name);
        var entries = new Dictionary<string, IntakeSourceEntry>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var allowed = new Dictionary<string, SiteId>(StringComparer.OrdinalIgnoreCase);
            foreach (var site in new[] { row.DefaultSiteId }.Concat(row.OtherSites.Select(o => o.SiteId)))
            {
                allowed[site.Value.ToString()] = site;
                if (names.GetValueOrDefault(site) is { } siteName)
                {
                    allowed[siteName] = site;
                }
            }

            var info = new IntakeSourceInfo(row.SignalSource, row.DefaultSiteId, allowed.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
            entries[row.Name] = new IntakeSourceEntry(row.Name, row.Kind, row.Enabled, info, row.TokenHash is { } hash ? Convert.FromHexString(hash) : null, MqttOf(row));
        }

        _sources = entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private MqttSourceSettings? MqttOf(IntakeSource row)
    {
        if (row.Kind != IntakeSourceKind.Mqtt || row.BrokerHost is null || row.TopicFilter is null)
        {
            return null;
        }

        string? password = null;
        if (row.ProtectedPassword is { } protectedPassword)
        {
            try
            {
                password = secrets.Unprotect(protectedPassword);
            }
            catch (CryptographicException ex)
            {
                // Keys of another data folder: the broker will refuse the login until the source is declared again here.
                LogPasswordUnreadable(logger, row.Name, ex.Message);
            }
        }

        return new MqttSourceSettings(row.BrokerHost, row.BrokerPort ?? 1883, row.BrokerTls, row.TopicFilter, $"vigie-{row.Name}", row.Username, password);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The MQTT password of intake source {Source} cannot be read ({Reason}); declare the source again on this data folder")]
    private static partial void LogPasswordUnreadable(ILogger logger, string source, string reason);
}
