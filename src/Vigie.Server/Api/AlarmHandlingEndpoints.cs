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

        MapFile(api);
        MapSetup(api);
        MapPatrols(api);
        MapIncidents(api);

        api.MapGet("/handovers", async (CurrentActor me, HandoverService handovers, CancellationToken ct) =>
            TypedResults.Ok(await handovers.ListRecentAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapPost("/handovers", async (NewHandover request, CurrentActor me, HandoverService handovers, CancellationToken ct) =>
            TypedResults.Ok(await handovers.HandOverAsync(me, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/handovers/{id:long}/acknowledge", async (long id, CurrentActor me, HandoverService handovers, CancellationToken ct) =>
            TypedResults.Ok(await handovers.AcknowledgeAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapGet("/overview", async (CurrentActor me, OverviewService overview, CancellationToken ct) =>
            TypedResults.Ok(await overview.GetAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SignedIn);

        // Indicators over a period (default: the last 7 days), as JSON or as CSV, one line per alarm.
        api.MapGet("/alarms/indicators", async ([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, CurrentActor me, AlarmIndicators indicators, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(await indicators.ReportAsync(me, from ?? time.GetUtcNow().AddDays(-7), to ?? time.GetUtcNow(), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapGet("/alarms/indicators.csv", async ([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, CurrentActor me, AlarmIndicators indicators, TimeProvider time, CancellationToken ct) =>
        {
            var report = await indicators.ReportAsync(me, from ?? time.GetUtcNow().AddDays(-7), to ?? time.GetUtcNow(), ct).ConfigureAwait(false);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(AlarmIndicators.Csv(report)), "text/csv; charset=utf-8",
                $"vigie-indicateurs-{report.From.UtcDateTime:yyyyMMdd}-{report.To.UtcDateTime:yyyyMMdd}.csv");
        }).RequireAuthorization(Policies.AlarmsRead);
    }

    /// <summary>The levée de doute: the alarm's file, and what the holder adds to it.</summary>
    private static void MapFile(RouteGroupBuilder api)
    {
        api.MapGet("/alarms/{id:long}/file", async (long id, CurrentActor me, AlarmFileService files, CancellationToken ct) =>
            TypedResults.Ok(await files.GetAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapGet("/alarms/{id:long}/signals", async (long id, CurrentActor me, AlarmService alarms, CancellationToken ct) =>
            TypedResults.Ok(await alarms.SignalsAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapPost("/alarms/{id:long}/evidence/snapshot", async (long id, SnapshotEvidence request, CurrentActor me, AlarmFileService files, CancellationToken ct) =>
            TypedResults.Ok(await files.AddSnapshotAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/calls", async (long id, RecordCall request, CurrentActor me, AlarmFileService files, CancellationToken ct) =>
            TypedResults.Ok(await files.RecordCallAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/steps/{order:int}/done", async (long id, int order, CompleteStep request, CurrentActor me, AlarmFileService files, CancellationToken ct) =>
            TypedResults.Ok(await files.CompleteStepAsync(me, id, order, skipped: false, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/steps/{order:int}/skip", async (long id, int order, CompleteStep request, CurrentActor me, AlarmFileService files, CancellationToken ct) =>
            TypedResults.Ok(await files.CompleteStepAsync(me, id, order, skipped: true, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/authorities", async (long id, NotifyAuthorities request, CurrentActor me, AlarmFileService files, CancellationToken ct) =>
            TypedResults.Ok(await files.NotifyAuthoritiesAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);
    }

    /// <summary>Per site: the consignes per category and the cameras of each zone.</summary>
    private static void MapSetup(RouteGroupBuilder api)
    {
        api.MapGet("/sites/{siteId:guid}/consignes", async (Guid siteId, CurrentActor me, AlarmSetupService setup, CancellationToken ct) =>
            TypedResults.Ok(await setup.ConsignesAsync(me, siteId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPut("/sites/{siteId:guid}/consignes/{category}", async (Guid siteId, string category, List<StepInput> steps, CurrentActor me, AlarmSetupService setup, CancellationToken ct) =>
            TypedResults.Ok(await setup.SaveConsignesAsync(me, siteId, category, steps, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapGet("/sites/{siteId:guid}/zones", async (Guid siteId, CurrentActor me, AlarmSetupService setup, CancellationToken ct) =>
            TypedResults.Ok(await setup.ZonesAsync(me, siteId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesRead);

        api.MapPut("/sites/{siteId:guid}/zones/{zone}", async (Guid siteId, string zone, List<Guid> cameraIds, CurrentActor me, AlarmSetupService setup, CancellationToken ct) =>
            TypedResults.Ok(await setup.SaveZoneAsync(me, siteId, zone, cameraIds, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);
    }

    /// <summary>The roster of intervenants, dispatches, and the agent's own link (anonymous: the token is the credential).</summary>
    private static void MapPatrols(RouteGroupBuilder api)
    {
        api.MapGet("/patrol-agents", async (CurrentActor me, PatrolService patrols, CancellationToken ct) =>
            TypedResults.Ok(await patrols.ListAgentsAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapPost("/patrol-agents", async (PatrolAgentInput input, CurrentActor me, PatrolService patrols, CancellationToken ct) =>
        {
            var agent = await patrols.SaveAgentAsync(me, null, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/patrol-agents/{agent.Id}", agent);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPut("/patrol-agents/{agentId:guid}", async (Guid agentId, PatrolAgentInput input, CurrentActor me, PatrolService patrols, CancellationToken ct) =>
            TypedResults.Ok(await patrols.SaveAgentAsync(me, agentId, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        api.MapPost("/alarms/{id:long}/patrols", async (long id, DispatchPatrol request, CurrentActor me, PatrolService patrols, CancellationToken ct) =>
            TypedResults.Ok(await patrols.DispatchAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/alarms/{id:long}/patrols/{dispatchId:long}/cancel", async (long id, long dispatchId, CurrentActor me, PatrolService patrols, CancellationToken ct) =>
            TypedResults.Ok(await patrols.CancelAsync(me, id, dispatchId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapGet("/intervention/{token}", async Task<IResult> (string token, PatrolService patrols, CancellationToken ct) =>
            await patrols.MissionAsync(token, ct).ConfigureAwait(false) is { } mission ? TypedResults.Ok(mission) : TypedResults.NotFound())
            .AllowAnonymous();

        api.MapPost("/intervention/{token}", async (string token, AgentUpdate update, PatrolService patrols, CancellationToken ct) =>
            TypedResults.Ok(await patrols.UpdateAsync(token, update, ct).ConfigureAwait(false)))
            .AllowAnonymous();
    }

    /// <summary>Major incidents and the crisis checklists.</summary>
    private static void MapIncidents(RouteGroupBuilder api)
    {
        api.MapGet("/incidents", async (CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.ListAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapGet("/incidents/{id:long}", async (long id, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.GetAsync(me, id, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapPost("/incidents", async (OpenIncident request, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
        {
            var incident = await incidents.OpenAsync(me, request, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/incidents/{incident.Id}", incident);
        }).RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/incidents/{id:long}/alarms/{alarmId:long}", async (long id, long alarmId, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.LinkAlarmAsync(me, id, alarmId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/incidents/{id:long}/tasks/{taskId:long}/done", async (long id, long taskId, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.TickAsync(me, id, taskId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapPost("/incidents/{id:long}/close", async (long id, CloseIncident request, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.CloseAsync(me, id, request, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsHandle);

        api.MapGet("/crisis-checklists", async (CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.ChecklistsAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AlarmsRead);

        api.MapPut("/crisis-checklists/{kind}", async (string kind, List<string> items, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.SaveChecklistAsync(me, kind, items, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);
    }

    private static bool IsOpen(string? state) => state?.Trim().ToLowerInvariant() switch
    {
        null or "" or "open" => true,
        "closed" => false,
        _ => throw new DomainException("alarm.state_filter", "state is open or closed.", "state"),
    };
}
