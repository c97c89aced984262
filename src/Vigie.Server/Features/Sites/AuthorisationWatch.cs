using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Alarms;
using Vigie.Server.Alarms;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Sites;

/// <summary>
/// Watches the sites' prefectoral authorisations (CSI L252-1 to L252-4): 90 and 30 days before one expires, and once it
/// has, a technical alarm of the site goes to the alarm queue (once per level; a renewal resets them). Runs at start and
/// every hour as the supervised "authorisations" loop; the console shows the same states on the site and the overview.
/// </summary>
public sealed class AuthorisationWatch(VigieDbFactory dbFactory, DbSignalStore signals, AlarmPriorities priorities, SupervisedLoops loops, TimeProvider time) : BackgroundService
{
    public const string Source = "compliance";

    /// <summary>The alarm zone of a site's authorisation: its warnings fold into one alarm.</summary>
    public const string Zone = "autorisation";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loops.RunAsync("authorisations", RunOnceAsync, Interval, stoppingToken);

    /// <summary>Raises the warnings due today; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = ParisClock.Today(time);
        await using var db = dbFactory.CreateDbContext();
        var raised = new List<AlarmSignal>();
        foreach (var site in await db.Sites.Where(s => s.AuthorisationExpiry != null).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (site.AuthorisationWarningDue(today) is not { } level)
            {
                continue;
            }

            var expiry = site.AuthorisationExpiry!.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            var (code, french, english) = level == 0
                ? ("authorisation.expired", $"Autorisation préfectorale {site.AuthorisationNumber} du site « {site.Name} » expirée le {expiry} : ses caméras ne sont plus couvertes",
                    $"Prefectoral authorisation {site.AuthorisationNumber} of site '{site.Name}' expired on {expiry}: its cameras are no longer covered")
                : ($"authorisation.expires-{level}", $"Autorisation préfectorale {site.AuthorisationNumber} du site « {site.Name} » : expire le {expiry} (moins de {level} jours), demander le renouvellement",
                    $"Prefectoral authorisation {site.AuthorisationNumber} of site '{site.Name}' expires on {expiry} (less than {level} days): ask for its renewal");
            raised.Add(new AlarmSignal(Source, time.GetUtcNow(), site.Id, account: null, code, AlarmCategory.TechnicalFault, isRestore: false, priorities.Of(AlarmCategory.TechnicalFault),
                french, english, JsonSerializer.Serialize(new { site = site.Id.Value, authorisation = site.AuthorisationNumber, expiry = site.AuthorisationExpiry, level }))
            {
                Zone = Zone,
            });
            site.MarkAuthorisationWarned(level);
        }

        if (raised.Count > 0)
        {
            // The alarms first: a warning recorded as raised is one the queue has.
            await signals.StoreAsync(raised, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return raised.Count;
    }
}
