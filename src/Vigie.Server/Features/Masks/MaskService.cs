using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Masks;

/// <summary>
/// Privacy masks (docs/compliance.md): supervisors and administrators draw them per camera and lift them for a while
/// with a reason; every change and every lift is audited, and a lift also goes to the main courante. Exports burn them
/// in (<see cref="MaskStep"/>); the console draws them over video unless the person has an active lift.
/// </summary>
public sealed class MaskService(VigieDbFactory dbFactory, AuditLog audit, LogbookWriter logbook, TimeProvider time)
{
    public static readonly TimeSpan DefaultLift = TimeSpan.FromMinutes(15);

    public sealed record LiftDto(Guid Id, DateTimeOffset From, DateTimeOffset Until, string Reason, string By);

    /// <summary>A camera's masks; <see cref="Lift"/> is the person's own active lift, when they have one.</summary>
    public sealed record MaskDto(Guid CameraId, IReadOnlyList<IReadOnlyList<MaskPoint>> Polygons, bool ServerSide, DateTimeOffset? UpdatedAt, string? UpdatedBy)
    {
        public LiftDto? Lift { get; init; }
    }

    public sealed record MaskInput(IReadOnlyList<IReadOnlyList<MaskPoint>>? Polygons, bool ServerSide = false);

    public sealed record LiftInput(string? Reason, int? Minutes = null);

    public async Task<MaskDto> GetAsync(Actor actor, CameraId cameraId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        await CameraAsync(db, actor, cameraId, cancellationToken).ConfigureAwait(false);
        var mask = await db.PrivacyMasks.AsNoTracking().FirstOrDefaultAsync(m => m.CameraId == cameraId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var lift = await db.MaskLifts.AsNoTracking()
            .Where(l => l.CameraId == cameraId && l.PersonId == actor.Id && l.Until > now)
            .OrderByDescending(l => l.Until).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return Dto(cameraId, mask) with { Lift = lift is { } l && l.IsActive(now) ? new LiftDto(l.Id, l.From, l.Until, l.Reason, l.PersonName) : null };
    }

    /// <summary>The polygons of a camera, for the export and the server-side masking (no person: the caller checked access).</summary>
    public async Task<PrivacyMask?> MaskOfAsync(CameraId cameraId, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.PrivacyMasks.AsNoTracking().FirstOrDefaultAsync(m => m.CameraId == cameraId && m.Shape != string.Empty, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MaskDto> SetAsync(Actor actor, CameraId cameraId, MaskInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.MasksManage);
        await using var db = dbFactory.CreateDbContext();
        var camera = await CameraAsync(db, actor, cameraId, cancellationToken).ConfigureAwait(false);
        var mask = await db.PrivacyMasks.FirstOrDefaultAsync(m => m.CameraId == cameraId, cancellationToken).ConfigureAwait(false);
        if (mask is null)
        {
            mask = new PrivacyMask(cameraId);
            db.PrivacyMasks.Add(mask);
        }

        var before = mask.Polygons.Count;
        mask.Set(input.Polygons ?? [], input.ServerSide, actor.UserName, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.MasksChanged, string.Create(CultureInfo.InvariantCulture,
            $"Masques de confidentialité de la caméra « {camera.Name} » modifiés : {before} → {mask.Polygons.Count} masque(s), masquage par le serveur {(mask.ServerSide ? "oui" : "non")}."),
            actor, camera.SiteId, $"camera:{cameraId.Value}", cancellationToken).ConfigureAwait(false);
        return Dto(cameraId, mask);
    }

    /// <summary>Lifts the camera's masks for the person (15 minutes unless said, one hour at most), with the reason: audited and in the main courante.</summary>
    public async Task<LiftDto> LiftAsync(Actor actor, CameraId cameraId, LiftInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.MasksManage);
        await using var db = dbFactory.CreateDbContext();
        var camera = await CameraAsync(db, actor, cameraId, cancellationToken).ConfigureAwait(false);
        if (!await db.PrivacyMasks.AnyAsync(m => m.CameraId == cameraId && m.Shape != string.Empty, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("mask.none", "This camera has no mask to lift.");
        }

        var lift = new MaskLift(cameraId, actor.Id, actor.UserName, input.Reason ?? string.Empty, time.GetUtcNow(),
            input.Minutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultLift);
        db.MaskLifts.Add(lift);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Levée des masques de confidentialité de la caméra « {camera.Name} » par {actor.DisplayName} pour {(lift.Until - lift.From).TotalMinutes:0} min — motif : {lift.Reason}");
        await audit.WriteAsync(AuditCategory.MaskLifted, text, actor, camera.SiteId, $"camera:{cameraId.Value} mask-lift:{lift.Id}", cancellationToken).ConfigureAwait(false);
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Procedure, text, camera.SiteId, actor.Id, actor.DisplayName, $"camera:{cameraId.Value}"), cancellationToken).ConfigureAwait(false);
        return new LiftDto(lift.Id, lift.From, lift.Until, lift.Reason, lift.PersonName);
    }

    /// <summary>
    /// The camera's masks when the server must burn them in for this person: the camera is masked by the server and the
    /// person has no active lift of their own. Null when they see the camera as it is.
    /// </summary>
    public async Task<PrivacyMask?> ServerMaskForAsync(Actor actor, CameraId cameraId, CancellationToken cancellationToken)
    {
        var mask = await MaskOfAsync(cameraId, cancellationToken).ConfigureAwait(false);
        return mask is { ServerSide: true } && !await IsLiftedForAsync(actor, cameraId, cancellationToken).ConfigureAwait(false) ? mask : null;
    }

    /// <summary>Whether the person may see the camera unmasked now (their own active lift).</summary>
    public async Task<bool> IsLiftedForAsync(Actor actor, CameraId cameraId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Can(Permission.MasksManage))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using var db = dbFactory.CreateDbContext();
        return await db.MaskLifts.AnyAsync(l => l.CameraId == cameraId && l.PersonId == actor.Id && l.From <= now && l.Until > now, cancellationToken).ConfigureAwait(false);
    }

    private static MaskDto Dto(CameraId cameraId, PrivacyMask? mask) =>
        new(cameraId.Value, mask?.Polygons ?? [], mask?.ServerSide ?? false, mask?.UpdatedAt, mask?.UpdatedBy);

    private static async Task<Camera> CameraAsync(Storage.Model.VigieDbContext db, Actor actor, CameraId cameraId, CancellationToken cancellationToken)
    {
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cameraId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        actor.DemandSite(camera.SiteId);
        return camera;
    }
}
