using Microsoft.AspNetCore.Mvc;
using Vigie.Domain;
using Vigie.Server.Features.Sites;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

public static class SiteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/sites", async (CurrentActor me, SiteService sites, CancellationToken ct) =>
            TypedResults.Ok(await sites.ListSitesAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapGet("/sites/{id:guid}", async (Guid id, CurrentActor me, SiteService sites, CancellationToken ct) =>
            TypedResults.Ok(await sites.GetSiteAsync(me, new SiteId(id), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPost("/sites", async (SiteInput input, CurrentActor me, SiteService sites, CancellationToken ct) =>
        {
            var site = await sites.SaveSiteAsync(me, null, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/sites/{site.Id}", site);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/sites/{id:guid}", async (Guid id, SiteInput input, CurrentActor me, SiteService sites, CancellationToken ct) =>
            TypedResults.Ok(await sites.SaveSiteAsync(me, new SiteId(id), input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapGet("/cameras", async ([FromQuery] Guid? siteId, CurrentActor me, SiteService sites, CancellationToken ct) =>
            TypedResults.Ok(await sites.ListCamerasAsync(me, siteId is { } s ? new SiteId(s) : null, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapGet("/cameras/{id:guid}", async (Guid id, CurrentActor me, SiteService sites, CancellationToken ct) =>
            TypedResults.Ok(await sites.GetCameraAsync(me, new CameraId(id), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPost("/cameras", async (CameraInput input, CurrentActor me, SiteService sites, CancellationToken ct) =>
        {
            var camera = await sites.SaveCameraAsync(me, null, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/cameras/{camera.Id}", camera);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/cameras/{id:guid}", async (Guid id, CameraInput input, CurrentActor me, SiteService sites, CancellationToken ct) =>
            TypedResults.Ok(await sites.SaveCameraAsync(me, new CameraId(id), input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);
    }
}
