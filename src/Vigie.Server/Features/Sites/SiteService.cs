using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.Sites;
using Vigie.Server.Audit;
using Vigie.Server.Security;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Sites;

/// <summary>Sites and their cameras. Lists are filtered by the actor's sites in SQL (<see cref="SiteScope"/>); writes are for administrators and audited.</summary>
public sealed class SiteService(VigieDbFactory dbFactory, SecretProtector secrets, AuditLog audit, Recording.CameraChanges cameraChanges, TimeProvider time)
{
    public async Task<IReadOnlyList<SiteDto>> ListSitesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var sites = await db.Sites.AsNoTracking().VisibleTo(actor).OrderBy(s => s.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var today = Security.ParisClock.Today(time);
        return [.. sites.Select(s => SiteDto.From(s, today))];
    }

    public async Task<SiteDto> GetSiteAsync(Actor actor, SiteId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        actor.DemandSite(id);
        await using var db = dbFactory.CreateDbContext();
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This site does not exist.");
        return SiteDto.From(site, Security.ParisClock.Today(time));
    }

    public async Task<SiteDto> SaveSiteAsync(Actor actor, SiteId? id, SiteInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.SitesAdminister);
        await using var db = dbFactory.CreateDbContext();
        Site site;
        if (id is null)
        {
            site = new Site(SiteId.New(), input.Name, input.Client ?? string.Empty, input.Address ?? string.Empty);
            db.Sites.Add(site);
        }
        else
        {
            site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id.Value, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException("This site does not exist.");
            site.Rename(input.Name, input.Client ?? string.Empty, input.Address ?? string.Empty);
        }

        site.SetAuthorisation(input.AuthorisationNumber ?? string.Empty, input.AuthorisationExpiry, input.AuthorisationPerimeter ?? string.Empty, input.AuthorisationDate ?? site.AuthorisationDate);
        site.SetOperatorCard(input.Notes ?? site.Notes, input.PasswordHint ?? site.PasswordHint);
        var previousRetention = site.RetentionDays;
        site.SetRetention(input.RetentionDays ?? site.RetentionDays);
        var shortened = new List<string>();
        if (id is not null && site.RetentionDays < previousRetention)
        {
            // A shorter authorised period applies to every camera of the site at once.
            foreach (var camera in await db.Cameras.Where(c => c.SiteId == site.Id && c.RetentionDays > site.RetentionDays).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                camera.SetRetention(site.RetentionDays);
                shortened.Add(camera.Name);
            }
        }

        site.ReplaceContacts((input.Contacts ?? []).Select((c, i) =>
            new SiteContact(c.Name, c.Function ?? string.Empty, c.Phone, c.Email ?? string.Empty, c.IsKeyholder, c.CallOrder > 0 ? c.CallOrder : i + 1)));
        if (await db.Sites.AnyAsync(s => s.Name == site.Name && s.Id != site.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("site.name_taken", "Another site already has this name.", nameof(SiteInput.Name));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (shortened.Count > 0)
        {
            cameraChanges.Notify();
        }

        var retentionNote = site.RetentionDays == previousRetention || id is null
            ? $"retention {site.RetentionDays} days"
            : $"retention {previousRetention} → {site.RetentionDays} days{(shortened.Count > 0 ? $", cameras shortened: {string.Join(", ", shortened)}" : string.Empty)}";
        await audit.WriteAsync(AuditCategory.SiteChanged, $"Site '{site.Name}' {(id is null ? "created" : "updated")} by {actor.UserName} (authorisation '{site.AuthorisationNumber}', {site.Contacts.Count} contacts, {retentionNote})", actor, site.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return SiteDto.From(site, Security.ParisClock.Today(time));
    }

    public async Task<IReadOnlyList<CameraDto>> ListCamerasAsync(Actor actor, SiteId? site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var query = db.Cameras.AsNoTracking().VisibleTo(actor);
        if (site is { } only)
        {
            actor.DemandSite(only);
            query = query.Where(c => c.SiteId == only);
        }

        var cameras = await query.OrderBy(c => c.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = cameras.Select(c => c.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().VisibleTo(actor).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken).ConfigureAwait(false);
        var today = Security.ParisClock.Today(time);
        return [.. cameras.Select(c => CameraDto.From(c, sites[c.SiteId], today))];
    }

    public async Task<CameraDto> GetCameraAsync(Actor actor, CameraId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        actor.DemandSite(camera.SiteId);
        var site = await db.Sites.AsNoTracking().FirstAsync(s => s.Id == camera.SiteId, cancellationToken).ConfigureAwait(false);
        return CameraDto.From(camera, site, Security.ParisClock.Today(time));
    }

    public async Task<CameraDto> SaveCameraAsync(Actor actor, CameraId? id, CameraInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.SitesAdminister);
        await using var db = dbFactory.CreateDbContext();
        var siteId = new SiteId(input.SiteId);
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException("site.unknown", "This site does not exist.", nameof(CameraInput.SiteId));

        Camera camera;
        if (id is null)
        {
            camera = new Camera(CameraId.New(), siteId, input.Name, input.MainStreamUrl);
            db.Cameras.Add(camera);
        }
        else
        {
            camera = await db.Cameras.FirstOrDefaultAsync(c => c.Id == id.Value, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException("This camera does not exist.");
            if (camera.SiteId != siteId)
            {
                throw new DomainException("camera.site_change", "A camera cannot move to another site; create it there instead.", nameof(CameraInput.SiteId));
            }
        }

        camera.Update(input.Name, input.MainStreamUrl, input.SubStreamUrl ?? string.Empty, input.RetentionDays ?? site.RetentionDays);
        camera.DemandWithin(site);
        camera.SetCoverage(input.CoveredByAuthorisation ?? camera.CoveredByAuthorisation);
        var protectedPassword = input.Password switch
        {
            null => null,
            "" => string.Empty,
            var clear => secrets.Protect(clear),
        };
        camera.SetCredentials(input.Username ?? string.Empty, protectedPassword);
        if (await db.Cameras.AnyAsync(c => c.SiteId == siteId && c.Name == camera.Name && c.Id != camera.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("camera.name_taken", "Another camera of this site already has this name.", nameof(CameraInput.Name));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        cameraChanges.Notify();
        var passwordNote = input.Password switch { null => "password unchanged", "" => "password removed", _ => "password changed" };
        await audit.WriteAsync(AuditCategory.CameraChanged, $"Camera '{camera.Name}' {(id is null ? "created" : "updated")} by {actor.UserName} (retention {camera.RetentionDays} days, {passwordNote}{(camera.CoveredByAuthorisation ? ", covered by the authorisation" : ", not covered by the authorisation")})", actor, siteId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return CameraDto.From(camera, site, Security.ParisClock.Today(time));
    }
}
