using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.Recordings;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Recording;

/// <summary>
/// Conservation judiciaire: supervisors and administrators place a hold on a camera's time range for a
/// judicial procedure and release it when the procedure no longer needs it. Both go to the main courante.
/// </summary>
public sealed class LegalHoldService(VigieDbFactory dbFactory, LogbookWriter logbook, TimeProvider time)
{
    public sealed record HoldDto(Guid Id, Guid CameraId, DateTimeOffset From, DateTimeOffset To, string Reason, string ProcedureNumber, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt, string? ReleasedBy)
    {
        public static HoldDto Of(LegalHold h) => new(h.Id, h.CameraId.Value, h.From, h.To, h.Reason, h.ProcedureNumber, h.CreatedBy, h.CreatedAt, h.ReleasedAt, h.ReleasedBy);
    }

    public sealed record NewHold(DateTimeOffset From, DateTimeOffset To, string Reason, string ProcedureNumber);

    public async Task<HoldDto> PlaceAsync(Actor actor, CameraId cameraId, NewHold request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.LegalHold);
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cameraId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        actor.DemandSite(camera.SiteId);
        var hold = new LegalHold(cameraId, request.From.ToUniversalTime(), request.To.ToUniversalTime(), request.Reason, request.ProcedureNumber, actor.UserName, time.GetUtcNow());
        db.LegalHolds.Add(hold);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Procedure,
            $"Conservation judiciaire posée sur la caméra « {camera.Name} » du {Paris(hold.From)} au {Paris(hold.To)} — procédure {hold.ProcedureNumber} : {hold.Reason}",
            camera.SiteId, actor.Id, actor.DisplayName, $"hold:{hold.Id}"), cancellationToken).ConfigureAwait(false);
        return HoldDto.Of(hold);
    }

    public async Task<HoldDto> ReleaseAsync(Actor actor, Guid holdId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.LegalHold);
        await using var db = dbFactory.CreateDbContext();
        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == holdId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This legal hold does not exist.");
        var camera = await db.Cameras.AsNoTracking().FirstAsync(c => c.Id == hold.CameraId, cancellationToken).ConfigureAwait(false);
        actor.DemandSite(camera.SiteId);
        hold.Release(actor.UserName, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Procedure,
            $"Conservation judiciaire levée sur la caméra « {camera.Name} » (procédure {hold.ProcedureNumber}) ; les images redeviennent soumises à la durée de conservation.",
            camera.SiteId, actor.Id, actor.DisplayName, $"hold:{hold.Id}"), cancellationToken).ConfigureAwait(false);
        return HoldDto.Of(hold);
    }

    public async Task<IReadOnlyList<HoldDto>> ListAsync(Actor actor, CameraId cameraId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cameraId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        actor.DemandSite(camera.SiteId);
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.CameraId == cameraId).OrderByDescending(h => h.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return holds.Select(HoldDto.Of).ToList();
    }

    private static string Paris(DateTimeOffset instant) => Security.ParisClock.ToParis(instant).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
