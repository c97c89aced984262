using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Alarms;

/// <summary>A site's consignes for one category: its ordered steps.</summary>
public sealed record ConsignesDto(string Category, bool IsDefault, IReadOnlyList<StepInput> Steps);

/// <summary>A step as administered: kind ("watch_cameras", "call_contacts", "check_password", "dispatch_patrol", "notify_authorities", "free"), title, mandatory.</summary>
public sealed record StepInput(string? Kind, string? Title, bool Mandatory);

/// <summary>The cameras that look at one zone of the site's panel.</summary>
public sealed record ZoneCamerasDto(string Zone, IReadOnlyList<Guid> CameraIds);

/// <summary>
/// What administrators set up per site for alarm handling: the consignes per category of alarm and the cameras of
/// each zone. Read by whoever may see the site (the operator sees the consignes of their sites); changed by
/// administrators, audited. Alarms already open keep the steps they were opened with.
/// </summary>
public sealed class AlarmSetupService(VigieDbFactory dbFactory, AuditLog audit)
{
    /// <summary>The consignes of every category that opens alarms: the site's own, or the default advice.</summary>
    public async Task<IReadOnlyList<ConsignesDto>> ConsignesAsync(Actor actor, Guid siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        var site = new SiteId(siteId);
        actor.DemandSite(site);
        await using var db = dbFactory.CreateDbContext();
        await DemandSiteExistsAsync(db, site, cancellationToken).ConfigureAwait(false);
        var own = await db.SiteProcedures.AsNoTracking().Where(p => p.SiteId == site).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<AlarmCategory>()
            .Select(category => own.FirstOrDefault(p => p.Category == category) is { } procedure
                ? new ConsignesDto(AlarmCategoryNames.NameOf(category), false, procedure.Steps.Select(ToInput).ToList())
                : new ConsignesDto(AlarmCategoryNames.NameOf(category), true, SiteProcedure.Default(category).Select(ToInput).ToList()))
            .ToList();
    }

    /// <summary>Replaces the site's consignes for <paramref name="category"/>; no step at all goes back to the default advice.</summary>
    public async Task<ConsignesDto> SaveConsignesAsync(Actor actor, Guid siteId, string category, IReadOnlyList<StepInput> steps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(steps);
        actor.Demand(Permission.SitesAdminister);
        if (!AlarmCategoryNames.TryParse(category, out var parsed))
        {
            throw new DomainException("procedure.category_invalid", $"Unknown alarm category '{category}'.", nameof(category));
        }

        var list = steps.Select(s => new ProcedureStep(
            AlarmStepDto.TryParseKind(s.Kind, out var kind) ? kind : throw new DomainException("procedure.step_kind_invalid", $"Unknown kind of step '{s.Kind}'.", nameof(StepInput.Kind)),
            s.Title ?? string.Empty, s.Mandatory)).ToList();
        var site = new SiteId(siteId);
        await using var db = dbFactory.CreateDbContext();
        await DemandSiteExistsAsync(db, site, cancellationToken).ConfigureAwait(false);
        var procedure = await db.SiteProcedures.SingleOrDefaultAsync(p => p.SiteId == site && p.Category == parsed, cancellationToken).ConfigureAwait(false);
        if (list.Count == 0)
        {
            if (procedure is not null)
            {
                db.SiteProcedures.Remove(procedure);
            }
        }
        else if (procedure is null)
        {
            db.SiteProcedures.Add(new SiteProcedure(site, parsed, list));
        }
        else
        {
            procedure.Replace(list);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var name = AlarmCategoryNames.NameOf(parsed);
        await audit.WriteAsync(AuditCategory.ConsignesChanged,
            list.Count == 0 ? $"Consignes {name} reset to the default by {actor.UserName}" : $"Consignes {name} set by {actor.UserName}: {list.Count} steps, {list.Count(s => s.Mandatory)} mandatory",
            actor, site, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Count == 0
            ? new ConsignesDto(name, true, SiteProcedure.Default(parsed).Select(ToInput).ToList())
            : new ConsignesDto(name, false, list.Select(ToInput).ToList());
    }

    public async Task<IReadOnlyList<ZoneCamerasDto>> ZonesAsync(Actor actor, Guid siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        var site = new SiteId(siteId);
        actor.DemandSite(site);
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.ZoneCameras.AsNoTracking().Where(z => z.SiteId == site).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(z => z.Zone).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ZoneCamerasDto(g.Key, g.Select(z => z.CameraId.Value).ToList())).ToList();
    }

    /// <summary>Sets the cameras of one zone (none removes the zone: its alarms show all the site's cameras).</summary>
    public async Task<ZoneCamerasDto> SaveZoneAsync(Actor actor, Guid siteId, string zone, IReadOnlyList<Guid> cameraIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(cameraIds);
        actor.Demand(Permission.SitesAdminister);
        zone = ZoneCamera.NormaliseZone(zone);
        var site = new SiteId(siteId);
        await using var db = dbFactory.CreateDbContext();
        await DemandSiteExistsAsync(db, site, cancellationToken).ConfigureAwait(false);
        var ids = cameraIds.Distinct().Select(c => new CameraId(c)).ToList();
        var ofSite = await db.Cameras.AsNoTracking().Where(c => c.SiteId == site && ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ofSite.Count != ids.Count)
        {
            throw new DomainException("zone.camera_other_site", "Every camera of a zone must be a camera of this site.", nameof(ZoneCamerasDto.CameraIds));
        }

        db.ZoneCameras.RemoveRange(await db.ZoneCameras.Where(z => z.SiteId == site && z.Zone == zone).ToListAsync(cancellationToken).ConfigureAwait(false));
        db.ZoneCameras.AddRange(ids.Select(c => new ZoneCamera(site, zone, c)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.ZoneCamerasChanged, $"Zone {zone}: {ids.Count} cameras, set by {actor.UserName}", actor, site, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ZoneCamerasDto(zone, ids.Select(c => c.Value).ToList());
    }

    private static StepInput ToInput(ProcedureStep step) => new(AlarmStepDto.KindName(step.Kind), step.Title, step.Mandatory);

    private static async Task DemandSiteExistsAsync(Storage.Model.VigieDbContext db, SiteId site, CancellationToken cancellationToken)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == site, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("This site does not exist.");
        }
    }
}
