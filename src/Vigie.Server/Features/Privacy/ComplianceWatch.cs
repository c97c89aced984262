using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Alarms;
using Vigie.Server.Alarms;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Privacy;

/// <summary>
/// The law's deadlines as technical alarms, once per level: the sites' prefectoral authorisations (CSI L252-1 to
/// L252-4) 90 and 30 days before they expire and once they have (a renewal resets them), and access requests (GDPR
/// art. 12-3) a week before their one-month deadline and once overdue. Runs at start and every hour as the supervised
/// "compliance" loop; the console shows the same states on the site, the Registres page and the overview.
/// </summary>
public sealed class ComplianceWatch(VigieDbFactory dbFactory, DbSignalStore signals, AlarmPriorities priorities, SupervisedLoops loops, TimeProvider time) : BackgroundService
{
    public const string Source = "compliance";

    /// <summary>The alarm zone of a site's authorisation: its warnings fold into one alarm.</summary>
    public const string Zone = "autorisation";

    /// <summary>The alarm zone of the access requests' reminders.</summary>
    public const string AccessZone = "droit-acces";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loops.RunAsync("compliance", RunOnceAsync, Interval, stoppingToken);

    /// <summary>Raises the warnings due today; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        await AuthorisationsAsync(cancellationToken).ConfigureAwait(false) + await AccessRequestsAsync(cancellationToken).ConfigureAwait(false);

    private async Task<int> AccessRequestsAsync(CancellationToken cancellationToken)
    {
        var today = ParisClock.Today(time);
        await using var db = dbFactory.CreateDbContext();
        var raised = new List<AlarmSignal>();
        foreach (var request in await db.AccessRequests.Where(r => r.State == Domain.Privacy.AccessRequestState.Open).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (request.ReminderDue(today) is not { } level)
            {
                continue;
            }

            var camera = request.Cameras.First();
            var site = await db.Cameras.AsNoTracking().Where(c => c.Id == new Domain.CameraId(camera)).Select(c => (Domain.SiteId?)c.SiteId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var deadline = request.Deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            var (code, french, english) = level == 0
                ? ("access-request.overdue", $"Droit d'accès n° {request.Id} ({request.Requester}) : échéance du {deadline} dépassée, répondre sans délai",
                    $"Access request no. {request.Id} ({request.Requester}): deadline of {deadline} passed, answer now")
                : ("access-request.due-7", $"Droit d'accès n° {request.Id} ({request.Requester}) : réponse due le {deadline}",
                    $"Access request no. {request.Id} ({request.Requester}): answer due on {deadline}");
            raised.Add(new AlarmSignal(Source, time.GetUtcNow(), site, account: null, code, AlarmCategory.TechnicalFault, isRestore: false, priorities.Of(AlarmCategory.TechnicalFault),
                french, english, JsonSerializer.Serialize(new { accessRequest = request.Id, deadline = request.Deadline, level }))
            {
                Zone = AccessZone,
            });
            request.MarkReminded(level);
        }

        if (raised.Count > 0)
        {
            await signals.StoreAsync(raised, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return raised.Count;
    }

    private async Task<int> AuthorisationsAsync(CancellationToken cancellationToken)
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
