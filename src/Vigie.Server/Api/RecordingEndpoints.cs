using Microsoft.AspNetCore.Mvc;
using Vigie.Domain;
using Vigie.Media.Cameras;
using Vigie.Server.Playback;
using Vigie.Server.Recording;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

public static class RecordingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/cameras/{id:guid}/status", async (Guid id, CurrentActor me, Features.Sites.SiteService sites, ICameraRecorders recorders, CancellationToken ct) =>
        {
            var camera = await sites.GetCameraAsync(me, new CameraId(id), ct).ConfigureAwait(false);
            return TypedResults.Ok(recorders.StatusOf(new CameraId(camera.Id)));
        }).RequireAuthorization(Policies.SitesRead);

        // Segments and gaps of one camera over a UTC day (day=YYYY-MM-DD) or an explicit window (from, to).
        api.MapGet("/cameras/{id:guid}/recordings", async (Guid id, [FromQuery] string? day, [FromQuery] string? from, [FromQuery] string? to, CurrentActor me, RecordingIndexService index, CancellationToken ct) =>
            TypedResults.Ok(await index.ListAsync(me, new CameraId(id), RecordingWindow.Parse(day, from, to), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapGet("/cameras/{id:guid}/recordings/days", async (Guid id, CurrentActor me, RecordingIndexService index, CancellationToken ct) =>
            TypedResults.Ok(await index.DaysAsync(me, new CameraId(id), TimeZoneInfo.Utc, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        // What playback can read: the oldest and newest recorded instants, the segment being written included.
        api.MapGet("/cameras/{id:guid}/recordings/range", async (Guid id, CurrentActor me, RecordedRangeService ranges, CancellationToken ct) =>
            TypedResults.Ok(await ranges.RangeAsync(me, new CameraId(id), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapGet("/cameras/{id:guid}/holds", async (Guid id, CurrentActor me, LegalHoldService holds, CancellationToken ct) =>
            TypedResults.Ok(await holds.ListAsync(me, new CameraId(id), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPost("/cameras/{id:guid}/holds", async (Guid id, LegalHoldService.NewHold request, CurrentActor me, LegalHoldService holds, CancellationToken ct) =>
        {
            var hold = await holds.PlaceAsync(me, new CameraId(id), request, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/holds/{hold.Id}", hold);
        }).RequireAuthorization(Policies.LegalHold);

        // Released only by a supervisor (or an administrator), with the reason: it is what an auditor reads.
        api.MapPost("/holds/{id:guid}/release", async (Guid id, LegalHoldService.Release? request, CurrentActor me, LegalHoldService holds, CancellationToken ct) =>
            TypedResults.Ok(await holds.ReleaseAsync(me, id, request?.Reason, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.LegalHold);

        // The purge log for auditors: what went, when and why (GET /api/purges?from=&to=, and as CSV).
        api.MapGet("/purges", async ([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, CurrentActor me, PurgeLogService purges, CancellationToken ct) =>
            TypedResults.Ok(await purges.ListAsync(me, from, to, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AuditRead);

        api.MapGet("/purges.csv", async ([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, CurrentActor me, PurgeLogService purges, CancellationToken ct) =>
            TypedResults.File(CsvText.Bytes(PurgeLogService.Csv(await purges.ListAsync(me, from, to, ct).ConfigureAwait(false))), "text/csv; charset=utf-8", "journal-des-purges.csv"))
            .RequireAuthorization(Policies.AuditRead);

        // Every hold of the person's sites (active first): supervisors release them, auditors check them.
        api.MapGet("/holds", async ([FromQuery] bool? active, CurrentActor me, LegalHoldService holds, CancellationToken ct) =>
            TypedResults.Ok(await holds.ListAllAsync(me, active ?? false, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.HoldsRead);
    }
}
