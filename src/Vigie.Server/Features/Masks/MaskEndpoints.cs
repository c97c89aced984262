using Vigie.Domain;
using Vigie.Server.Api;
using Vigie.Server.Security;

namespace Vigie.Server.Features.Masks;

/// <summary>A camera's privacy masks: read by whoever sees the camera, drawn and lifted by supervisors and administrators (docs/compliance.md).</summary>
public static class MaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/cameras/{id:guid}/masks", async (Guid id, CurrentActor me, MaskService masks, CancellationToken ct) =>
            TypedResults.Ok(await masks.GetAsync(me, new CameraId(id), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPut("/cameras/{id:guid}/masks", async (Guid id, MaskService.MaskInput input, CurrentActor me, MaskService masks, CancellationToken ct) =>
            TypedResults.Ok(await masks.SetAsync(me, new CameraId(id), input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.MasksManage);

        api.MapPost("/cameras/{id:guid}/masks/lift", async (Guid id, MaskService.LiftInput input, CurrentActor me, MaskService masks, CancellationToken ct) =>
            TypedResults.Ok(await masks.LiftAsync(me, new CameraId(id), input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.MasksManage);
    }
}
