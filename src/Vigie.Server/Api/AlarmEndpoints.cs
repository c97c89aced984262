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

        // Accounts administration: administrators only (the registry demands it again for the actor).
        api.MapPost("/transmitters", async (TransmitterAccountInput input, CurrentActor me, TransmitterAccountRegistry registry, CancellationToken ct) =>
        {
            var created = await registry.CreateAsync(me, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/transmitters/{created.Account}", created);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/transmitters/{account}", async (string account, TransmitterAccountChange change, CurrentActor me, TransmitterAccountRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.UpdateAsync(me, account, change, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/transmitters/{account}/key", async (string account, TransmitterKeyInput input, CurrentActor me, TransmitterAccountRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.SetKeyAsync(me, account, input.AesKey, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapPost("/transmitters/{account}/disable", async (string account, CurrentActor me, TransmitterAccountRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.SetEnabledAsync(me, account, enabled: false, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapPost("/transmitters/{account}/enable", async (string account, CurrentActor me, TransmitterAccountRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.SetEnabledAsync(me, account, enabled: true, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);
    }
}
