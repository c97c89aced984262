using Microsoft.AspNetCore.Mvc;
using Vigie.Server.Alarms;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

public static class AlarmEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        // Newest first; page with beforeId. Scoped to the person's sites (unknown accounts shown to all).
        api.MapGet("/signals", async ([FromQuery] Guid? siteId, [FromQuery] long? beforeId, [FromQuery] int? limit, CurrentActor me, SignalQueries signals, CancellationToken ct) =>
            TypedResults.Ok(await signals.ListAsync(me, siteId, beforeId, limit ?? 100, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapGet("/transmitters", async (CurrentActor me, SignalQueries signals, CancellationToken ct) =>
            TypedResults.Ok(await signals.TransmittersAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);
    }
}
