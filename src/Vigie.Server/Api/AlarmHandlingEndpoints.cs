using Microsoft.AspNetCore.Mvc;
using Vigie.Domain;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>The alarms operators handle (docs/alarm-handling.md): the queue, the history and each act on one.</summary>
public static class AlarmHandlingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        // state=open (default): by priority then age; state=closed: newest first.
        api.MapGet("/alarms", async ([FromQuery] string? state, [FromQuery] Guid? siteId, [FromQuery] int? limit, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.ListAsync(me, IsOpen(state), siteId, limit, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapGet("/alarms/{id:long}", async (long id, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.GetAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapPost("/alarms/{id:long}/take", async (long id, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.TakeAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/release", async (long id, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.ReleaseAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/park", async (long id, ParkAlarm request, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.ParkAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/transfer", async (long id, HandAlarm request, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.TransferAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/reassign", async (long id, HandAlarm request, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.ReassignAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsSupervise);

        api.MapPost("/alarms/{id:long}/priority", async (long id, OverridePriority request, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.OverridePriorityAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsSupervise);

        api.MapPost("/alarms/{id:long}/close", async (long id, CloseAlarm request, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.CloseAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);
    }

    private static bool IsOpen(string? state) => state?.Trim().ToLowerInvariant() switch
    {
        null or "" or "open" => true,
        "closed" => false,
        _ => throw new DomainException("alarm.state_filter", "state is open or closed.", "state"),
    };
}
