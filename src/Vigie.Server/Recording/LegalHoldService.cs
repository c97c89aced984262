using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.Recordings;
using Vigie.Storage.Access;
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
        /// <summary>Why it was lifted, once it is.</summary>
        public string? ReleaseReason { get; init; }

        /// <summary>The extraction-register entry whose judicial request placed it; null for a hold placed by hand.</summary>
        public long? RegisterNumber { get; init; }

        /// <summary>The camera's name (in lists of every hold).</summary>
        public string? CameraName { get; init; }

        public static HoldDto Of(LegalHold h, string? cameraName = null) =>
            new(h.Id, h.CameraId.Value, h.From, h.To, h.Reason, h.ProcedureNumber, h.CreatedBy, h.CreatedAt, h.ReleasedAt, h.ReleasedBy)
            {
                ReleaseReason = h.ReleaseReason,
                RegisterNumber = h.RegisterNumber,
                CameraName = cameraName,
            };
    }

    public sealed record NewHold(DateTimeOffset From, DateTimeOffset To, string Reason, string ProcedureNumber);

    /// <summary>Why a hold is lifted: required.</summary>
    public sealed record Release(string? Reason);

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

    /// <summary>
    /// The holds a judicial extraction places on its source ranges, one per camera, linked to its register entry:
    /// the images it was cut from outlive the retention period until a supervisor releases them.
    /// </summary>
    public async Task PlaceForExtractionAsync(Export.ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var db = dbFactory.CreateDbContext();
        var now = time.GetUtcNow();
        var reason = $"Réquisition judiciaire — {job.Authority}{(job.Officer is null ? string.Empty : $", {job.Officer}")}{(job.Reason.Length > 0 ? $" : {job.Reason}" : string.Empty)}";
        var holds = job.Cameras.Select(c => new LegalHold(new CameraId(c.Id), job.From, job.To, Shorten(reason), job.Requisition ?? string.Empty, job.RequesterName, now, job.RegisterNumber)).ToList();
        db.LegalHolds.AddRange(holds);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (hold, camera) in holds.Zip(job.Cameras))
        {
            await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Procedure,
                $"Conservation judiciaire posée sur la caméra « {camera.Name} » du {Paris(hold.From)} au {Paris(hold.To)} — procédure {hold.ProcedureNumber}, registre des extractions n° {job.RegisterNumber} : {hold.Reason}",
                new SiteId(camera.SiteId), job.Requester, job.RequesterName, $"hold:{hold.Id} extraction:{job.RegisterNumber}"), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<HoldDto> ReleaseAsync(Actor actor, Guid holdId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.LegalHold);
        await using var db = dbFactory.CreateDbContext();
        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == holdId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This legal hold does not exist.");
        var camera = await db.Cameras.AsNoTracking().FirstAsync(c => c.Id == hold.CameraId, cancellationToken).ConfigureAwait(false);
        actor.DemandSite(camera.SiteId);
        hold.Release(actor.UserName, time.GetUtcNow(), reason ?? string.Empty);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Procedure,
            $"Conservation judiciaire levée sur la caméra « {camera.Name} » (procédure {hold.ProcedureNumber}) — motif : {hold.ReleaseReason} ; les images redeviennent soumises à la durée de conservation.",
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
        return [.. holds.Select(h => HoldDto.Of(h))];
    }

    /// <summary>
    /// Every hold of the sites the person sees, newest first (active ones first): for supervisors who release them and
    /// auditors who check them.
    /// </summary>
    public async Task<IReadOnlyList<HoldDto>> ListAllAsync(Actor actor, bool activeOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.HoldsRead);

        await using var db = dbFactory.CreateDbContext();
        var cameras = await db.Cameras.AsNoTracking().VisibleTo(actor).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken).ConfigureAwait(false);
        var ids = cameras.Keys.ToList();
        var query = db.LegalHolds.AsNoTracking().Where(h => ids.Contains(h.CameraId));
        if (activeOnly)
        {
            query = query.Where(h => h.ReleasedAt == null);
        }

        var holds = await query.OrderByDescending(h => h.CreatedAt).Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. holds.OrderBy(h => h.IsActive ? 0 : 1).ThenByDescending(h => h.CreatedAt).Select(h => HoldDto.Of(h, cameras[h.CameraId]))];
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";

    private static string Paris(DateTimeOffset instant) => Security.ParisClock.ToParis(instant).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
