using Vigie.Server.Features.Analytics;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>A camera's video analytics (docs/analytics.md): on or off, and its rules.</summary>
public static class AnalyticsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/cameras/{cameraId:guid}/analytics", async (Guid cameraId, CurrentActor me, AnalyticsSettingsService settings, CancellationToken ct) =>
            TypedResults.Ok(await settings.GetAsync(me, cameraId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPut("/cameras/{cameraId:guid}/analytics", async (Guid cameraId, CameraAnalyticsInput input, CurrentActor me, AnalyticsSettingsService settings, CancellationToken ct) =>
            TypedResults.Ok(await settings.SaveAsync(me, cameraId, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);
    }
}
