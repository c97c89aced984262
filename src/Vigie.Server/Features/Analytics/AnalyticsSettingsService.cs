using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Analytics.Rules;
using Vigie.Media.Cameras;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Analytics;

/// <summary>A camera's analytics as the API gives them: on or off, the rules (docs/analytics.md), who changed them last.</summary>
public sealed record CameraAnalyticsDto(Guid CameraId, bool Enabled, JsonElement Rules, DateTimeOffset? ChangedAt);

/// <summary>What an administrator sends: on or off, and the rules.</summary>
public sealed record CameraAnalyticsInput(bool Enabled, JsonElement? Rules);

/// <summary>
/// The analytics settings of each camera: read by whoever may see the camera's site, changed by administrators of
/// sites. The rules are checked by the analytics engine before they are saved (every problem named), every change is
/// audited, and a running camera takes the new rules at its next frame (<see cref="Changed"/>).
/// </summary>
public sealed class AnalyticsSettingsService(VigieDbFactory dbFactory, ICameraRecorders recorders, AuditLog audit, TimeProvider time)
{
    /// <summary>Raised after a camera's analytics were saved, with the camera: the analytics runner reloads it.</summary>
    public event Action<CameraId>? Changed;

    public async Task<CameraAnalyticsDto> GetAsync(Actor actor, Guid cameraId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var camera = await CameraOfAsync(db, actor, new CameraId(cameraId), cancellationToken).ConfigureAwait(false);
        var row = await db.CameraAnalytics.AsNoTracking().FirstOrDefaultAsync(a => a.CameraId == camera.Id, cancellationToken).ConfigureAwait(false);
        return ToDto(camera.Id, row);
    }

    public async Task<CameraAnalyticsDto> SaveAsync(Actor actor, Guid cameraId, CameraAnalyticsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.SitesAdminister);
        var json = input.Rules is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } rules ? rules.GetRawText() : "{}";
        await using var db = dbFactory.CreateDbContext();
        var camera = await CameraOfAsync(db, actor, new CameraId(cameraId), cancellationToken).ConfigureAwait(false);
        // Shapes outside the camera's picture are refused when its size is known (the camera sends pictures now).
        var size = recorders.RecorderOf(camera.Id)?.PictureSize();
        RuleSet parsed;
        try
        {
            parsed = RuleSet.Parse(json, size?.Width, size?.Height);
        }
        catch (RuleException ex)
        {
            throw new DomainException("analytics.rules_invalid", ex.Message, "rules");
        }

        var stored = parsed.ToJson();
        var row = await db.CameraAnalytics.FirstOrDefaultAsync(a => a.CameraId == camera.Id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (row is null)
        {
            row = new CameraAnalytics(camera.Id, input.Enabled, stored, actor.Id, now);
            db.CameraAnalytics.Add(row);
        }
        else
        {
            row.Change(input.Enabled, stored, actor.Id, now);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(
            AuditCategory.AnalyticsRulesChanged,
            $"Analyse vidéo de la caméra « {camera.Name} » {(input.Enabled ? "activée" : "désactivée")}, {parsed.Rules.Count} règle(s) : {string.Join(", ", parsed.Rules.Select(r => r.Id))}",
            actor,
            camera.SiteId,
            $"camera:{camera.Id}",
            cancellationToken).ConfigureAwait(false);
        Changed?.Invoke(camera.Id);
        return ToDto(camera.Id, row);
    }

    private static CameraAnalyticsDto ToDto(CameraId camera, CameraAnalytics? row)
    {
        using var document = JsonDocument.Parse(row?.Rules ?? "{}");
        return new CameraAnalyticsDto(camera.Value, row?.Enabled ?? false, document.RootElement.Clone(), row?.ChangedAt);
    }

    private static async Task<Camera> CameraOfAsync(Storage.Model.VigieDbContext db, Actor actor, CameraId id, CancellationToken cancellationToken)
    {
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        // A camera of a site the person may not see is answered as missing: its existence is not theirs to know.
        if (camera is null || !actor.CanSeeSite(camera.SiteId))
        {
            throw new NotFoundException("This camera does not exist.");
        }

        return camera;
    }
}
