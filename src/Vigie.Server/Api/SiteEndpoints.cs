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

        api.MapGet("/sites", async (HttpContext http, ActorResolver actors, SiteService sites) =>
            TypedResults.Ok(await sites.ListSitesAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapGet("/sites/{id:guid}", async (Guid id, HttpContext http, ActorResolver actors, SiteService sites) =>
            TypedResults.Ok(await sites.GetSiteAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), new SiteId(id), http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPost("/sites", async (SiteInput input, HttpContext http, ActorResolver actors, SiteService sites) =>
        {
            var site = await sites.SaveSiteAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), null, input, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/api/sites/{site.Id}", site);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/sites/{id:guid}", async (Guid id, SiteInput input, HttpContext http, ActorResolver actors, SiteService sites) =>
            TypedResults.Ok(await sites.SaveSiteAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), new SiteId(id), input, http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapGet("/cameras", async ([FromQuery] Guid? siteId, HttpContext http, ActorResolver actors, SiteService sites) =>
            TypedResults.Ok(await sites.ListCamerasAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), siteId is { } s ? new SiteId(s) : null, http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapGet("/cameras/{id:guid}", async (Guid id, HttpContext http, ActorResolver actors, SiteService sites) =>
            TypedResults.Ok(await sites.GetCameraAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), new CameraId(id), http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPost("/cameras", async (CameraInput input, HttpContext http, ActorResolver actors, SiteService sites) =>
        {
            var camera = await sites.SaveCameraAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), null, input, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/api/cameras/{camera.Id}", camera);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/cameras/{id:guid}", async (Guid id, CameraInput input, HttpContext http, ActorResolver actors, SiteService sites) =>
            TypedResults.Ok(await sites.SaveCameraAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), new CameraId(id), input, http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);
    }
}
