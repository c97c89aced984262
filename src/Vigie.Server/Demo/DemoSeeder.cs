using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.Sites;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Demo;

/// <summary>
/// Seeds the demo site "Démo — Campus": client, authorisation, contacts and four cameras pointing at the
/// camera simulator (rtsp://127.0.0.1:8554/cam1..4). Idempotent; each action is written to the main courante.
/// No person is created: the first administrator comes from the setup link, like on a real site.
/// </summary>
public sealed class DemoSeeder(VigieDbFactory dbFactory, LogbookWriter logbook, TimeProvider time, Hosting.VigieHostOptions options)
{
    public const string SiteName = "Démo — Campus";
    public const int CameraCount = 4;
    public const int DefaultSimulatorPort = 8554;

    /// <summary>The demo's two alarm panels (in clear, supervised every 5 minutes), fed by the in-process panel simulator.</summary>
    public const int FirstPanelAccount = 0xDE40;
    public const int PanelCount = 2;

    private string SimulatorBaseUrl => $"rtsp://127.0.0.1:{options.SimulatorPort ?? DefaultSimulatorPort}";

    /// <summary>Returns a summary of what was created, or null when the demo site already existed.</summary>
    public async Task<string?> SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        if (await db.Sites.SingleOrDefaultAsync(s => s.Name == SiteName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // A demo folder from before the alarm intake gets its panels too.
            await SeedPanelsAsync(existing.Id, cancellationToken).ConfigureAwait(false);
            await SeedAgentsAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        var site = new Site(SiteId.New(), SiteName, "Université de démonstration", "1 avenue du Campus, 69000 Lyon");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        site.SetAuthorisation("DEMO-2026-0042", today.AddYears(5), "Parvis, parking, hall d'accueil et bibliothèque : 4 caméras", today.AddDays(-30));
        site.ReplaceContacts(
        [
            new SiteContact("Claire Martin", "Responsable sûreté", "+33 4 00 00 00 01", "claire.martin@example.org", isKeyholder: true, callOrder: 1),
            new SiteContact("Karim Benali", "Gardien", "+33 4 00 00 00 02", string.Empty, isKeyholder: true, callOrder: 2),
            new SiteContact("Accueil du campus", "Standard", "+33 4 00 00 00 00", "accueil@example.org", isKeyholder: false, callOrder: 3),
        ]);
        site.SetOperatorCard(
            "Entrée des secours par le portail nord (badge au poste de garde). Chien de garde la nuit dans le parking. Bibliothèque ouverte jusqu'à 22 h en période d'examens.",
            "Ville natale de la responsable sûreté");
        db.Sites.Add(site);
        string[] names = ["Parvis", "Parking", "Hall d'accueil", "Bibliothèque"];
        var cameras = new List<Camera>();
        for (var i = 0; i < CameraCount; i++)
        {
            var camera = new Camera(CameraId.New(), site.Id, names[i], $"{SimulatorBaseUrl}/cam{i + 1}");
            camera.SetCoverage(true);
            cameras.Add(camera);
        }

        db.Cameras.AddRange(cameras);
        // The panels' zones 001…004 are watched by the cameras of the same rank (the simulated panels use those zones).
        db.ZoneCameras.AddRange(cameras.Select((c, i) => new ZoneCamera(site.Id, (i + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), c.Id)));
        db.SiteProcedures.Add(new SiteProcedure(site.Id, AlarmCategory.Intrusion,
        [
            new ProcedureStep(StepKind.WatchCameras, "Visionner l'enregistrement de l'alarme et le direct de la zone", Mandatory: true),
            new ProcedureStep(StepKind.CallContacts, "Appeler Claire Martin, puis Karim Benali, puis l'accueil", Mandatory: false),
            new ProcedureStep(StepKind.CheckPassword, "Faire donner le mot de passe (indice sur la fiche)", Mandatory: false),
            new ProcedureStep(StepKind.DispatchPatrol, "Doute non levé : envoyer un intervenant", Mandatory: false),
            new ProcedureStep(StepKind.NotifyAuthorities, "Intrusion avérée : prévenir la police (17) après vérification", Mandatory: false),
        ]));

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var summary = $"site '{SiteName}' with {site.Contacts.Count} contacts and {CameraCount} cameras ({SimulatorBaseUrl}/cam1..cam{CameraCount})";
        await logbook.AppendManyAsync(
        [
            new LogbookDraft(Journal.MainCourante, LogbookCategory.System, $"Site de démonstration « {SiteName} » créé (autorisation préfectorale DEMO-2026-0042, {site.Contacts.Count} contacts).", site.Id),
            new LogbookDraft(Journal.MainCourante, LogbookCategory.System, $"{CameraCount} caméras déclarées : {string.Join(", ", names)} (simulateur {SimulatorBaseUrl}).", site.Id),
        ], cancellationToken).ConfigureAwait(false);
        await SeedPanelsAsync(site.Id, cancellationToken).ConfigureAwait(false);
        await SeedAgentsAsync(cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Two intervenants of a (fictitious) patrol company, when the roster is empty.</summary>
    private async Task SeedAgentsAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        if (await db.PatrolAgents.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.PatrolAgents.AddRange(
            new PatrolAgent(Guid.CreateVersion7(), "Julien Moreau", "Rhône Intervention Sécurité (démo)", "+33 6 00 00 00 11", available: true),
            new PatrolAgent(Guid.CreateVersion7(), "Sofia Haddad", "Rhône Intervention Sécurité (démo)", "+33 6 00 00 00 12", available: true));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SeedPanelsAsync(SiteId site, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var accounts = Enumerable.Range(0, PanelCount).Select(i => (FirstPanelAccount + i).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var known = await db.TransmitterAccounts.Where(a => accounts.Contains(a.Account)).Select(a => a.Account).ToListAsync(cancellationToken).ConfigureAwait(false);
        var added = accounts.Except(known).ToList();
        if (added.Count == 0)
        {
            return;
        }

        foreach (var account in added)
        {
            db.TransmitterAccounts.Add(new TransmitterAccount(account, site, protectedKey: null, TimeSpan.FromMinutes(5), time.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.System,
            $"Centrales d'alarme de démonstration déclarées : comptes {string.Join(", ", added)} (SIA DC-09, supervision toutes les 5 min).", site), cancellationToken).ConfigureAwait(false);
    }
}
