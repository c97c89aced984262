using Vigie.Server.Api;
using Vigie.Server.Security;

namespace Vigie.Server.Features.Privacy;

/// <summary>Access requests (GDPR art. 15): registered, answered with a redacted export, closed (docs/compliance.md).</summary>
public static class AccessRequestEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/access-requests", async (CurrentActor me, AccessRequestService requests, CancellationToken ct) =>
            TypedResults.Ok(await requests.ListAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AccessRequestsRead);

        api.MapPost("/access-requests", async (AccessRequestService.RequestInput input, CurrentActor me, AccessRequestService requests, CancellationToken ct) =>
        {
            var request = await requests.RegisterAsync(me, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/access-requests/{request.Number}", request);
        }).RequireAuthorization(Policies.VideoView);

        api.MapPost("/access-requests/{id:long}/export", async (long id, AccessRequestService.RedactionInput input, CurrentActor me, AccessRequestService requests, CancellationToken ct) =>
        {
            var job = await requests.ExportAsync(me, id, input, ct).ConfigureAwait(false);
            return TypedResults.Accepted($"/api/exports/{job.Id}", job);
        }).RequireAuthorization(Policies.VideoView);

        api.MapPost("/access-requests/{id:long}/close", async (long id, AccessRequestService.CloseInput input, CurrentActor me, AccessRequestService requests, CancellationToken ct) =>
            TypedResults.Ok(await requests.CloseAsync(me, id, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.VideoView);
    }
}
