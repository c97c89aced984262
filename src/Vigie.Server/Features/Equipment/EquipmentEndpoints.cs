using Vigie.Domain;
using Vigie.Domain.Equipment;
using Vigie.Server.Api;
using Vigie.Server.Security;

namespace Vigie.Server.Features.Equipment;

/// <summary>Equipment supervision, maintenance, declared devices and fault tickets (docs/equipment.md).</summary>
public static class EquipmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/equipment", (Guid? siteId, string? state, string? kind, CurrentActor me, EquipmentService equipment) =>
        {
            EquipmentState? wantedState = state is null ? null
                : EquipmentNames.TryParseState(state, out var s) ? s : throw new DomainException("equipment.state", "state must be ok, degraded, fault or maintenance.", nameof(state));
            EquipmentKind? wantedKind = kind is null ? null
                : EquipmentNames.TryParseKind(kind, out var k) ? k : throw new DomainException("equipment.kind", "kind must be camera, recorder, storage, transmitter, host or other.", nameof(kind));
            return TypedResults.Ok(equipment.List(me, siteId is { } site ? new SiteId(site) : null, wantedState, wantedKind));
        }).RequireAuthorization(Policies.EquipmentRead);

        api.MapGet("/equipment/maintenance", async (CurrentActor me, MaintenanceService maintenance, CancellationToken ct) =>
            TypedResults.Ok(await maintenance.ListAsync(me, device: null, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentRead);

        api.MapPost("/equipment/maintenance/{number:long}/end", async (long number, CurrentActor me, MaintenanceService maintenance, CancellationToken ct) =>
            TypedResults.Ok(await maintenance.EndAsync(me, number, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentMaintain);

        api.MapGet("/equipment/other", async (CurrentActor me, ManualEquipmentService manual, CancellationToken ct) =>
            TypedResults.Ok(await manual.ListAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentRead);

        api.MapPost("/equipment/other", async (ManualEquipmentService.DeclareInput input, CurrentActor me, ManualEquipmentService manual, CancellationToken ct) =>
        {
            var declared = await manual.DeclareAsync(me, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/equipment/{declared.Id}", declared);
        }).RequireAuthorization(Policies.EquipmentManage);

        api.MapPut("/equipment/other/{number:long}/state", async (long number, ManualEquipmentService.StateInput input, CurrentActor me, ManualEquipmentService manual, CancellationToken ct) =>
            TypedResults.Ok(await manual.SetStateAsync(me, number, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentMaintain);

        api.MapPost("/equipment/other/{number:long}/token", async (long number, CurrentActor me, ManualEquipmentService manual, CancellationToken ct) =>
            TypedResults.Ok(await manual.RenewTokenAsync(me, number, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentManage);

        // The device itself reports here with its own token (Authorization: Bearer …); no person is signed in.
        api.MapPost("/equipment/other/{number:long}/status", async Task<IResult> (long number, ManualEquipmentService.StateInput input, HttpRequest request, ManualEquipmentService manual, CancellationToken ct) =>
        {
            var header = request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
            return await manual.ReportAsync(number, token, input, ct).ConfigureAwait(false) ? TypedResults.NoContent() : TypedResults.Unauthorized();
        }).AllowAnonymous().RequireRateLimiting(IntakeToken.RateLimit);

        api.MapPut("/cameras/{id:guid}/profile", async (Guid id, EquipmentService.ProfileInput input, CurrentActor me, EquipmentService equipment, CancellationToken ct) =>
            TypedResults.Ok(await equipment.SetProfileAsync(me, new CameraId(id), input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SitesAdminister);

        MapTickets(api);

        api.MapGet("/equipment/report", async (string? month, Guid? siteId, CurrentActor me, EquipmentReport reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.MonthlyAsync(me, month, siteId, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentRead);

        api.MapGet("/equipment/report.csv", async (string? month, Guid? siteId, CurrentActor me, EquipmentReport reports, CancellationToken ct) =>
        {
            var report = await reports.MonthlyAsync(me, month, siteId, ct).ConfigureAwait(false);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(EquipmentReport.Csv(report)), "text/csv; charset=utf-8", $"disponibilite-{report.Month}.csv");
        }).RequireAuthorization(Policies.EquipmentRead);

        api.MapGet("/equipment/report.pdf", async (string? month, Guid? siteId, CurrentActor me, EquipmentReport reports, CancellationToken ct) =>
        {
            var report = await reports.MonthlyAsync(me, month, siteId, ct).ConfigureAwait(false);
            return TypedResults.File(EquipmentReport.Pdf(report, me.Actor.DisplayName), "application/pdf", $"disponibilite-{report.Month}.pdf");
        }).RequireAuthorization(Policies.EquipmentRead);

        // Last: a device's id (camera:…, storage:recordings…) after the literal routes above.
        api.MapGet("/equipment/{id}", async (string id, CurrentActor me, EquipmentService equipment, FaultTicketService tickets, MaintenanceService maintenance, CancellationToken ct) =>
            TypedResults.Ok(await equipment.DetailAsync(me, id, tickets, maintenance, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentRead);

        api.MapPost("/equipment/{id}/maintenance", async (string id, MaintenanceService.MaintenanceInput input, CurrentActor me, MaintenanceService maintenance, CancellationToken ct) =>
            TypedResults.Ok(await maintenance.PlanAsync(me, id, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentMaintain);
    }

    private static void MapTickets(RouteGroupBuilder api)
    {
        api.MapGet("/tickets", async (bool? open, string? device, CurrentActor me, FaultTicketService tickets, CancellationToken ct) =>
            TypedResults.Ok(await tickets.ListAsync(me, new FaultTicketService.TicketFilter(open, device), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentRead);

        api.MapPost("/tickets", async (FaultTicketService.OpenInput input, CurrentActor me, FaultTicketService tickets, CancellationToken ct) =>
        {
            var ticket = await tickets.OpenAsync(me, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/tickets/{ticket.Ticket.Id}", ticket);
        }).RequireAuthorization(Policies.EquipmentMaintain);

        api.MapGet("/tickets/{number:long}", async (long number, CurrentActor me, FaultTicketService tickets, CancellationToken ct) =>
            TypedResults.Ok(await tickets.GetAsync(me, number, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentRead);

        api.MapPost("/tickets/{number:long}/steps", async (long number, FaultTicketService.StepInput input, CurrentActor me, FaultTicketService tickets, CancellationToken ct) =>
            TypedResults.Ok(await tickets.StepAsync(me, number, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentMaintain);

        api.MapPost("/tickets/{number:long}/assign", async (long number, FaultTicketService.AssignInput input, CurrentActor me, FaultTicketService tickets, CancellationToken ct) =>
            TypedResults.Ok(await tickets.AssignAsync(me, number, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentMaintain);

        api.MapPost("/tickets/{number:long}/close", async (long number, FaultTicketService.CloseInput input, CurrentActor me, FaultTicketService tickets, CancellationToken ct) =>
            TypedResults.Ok(await tickets.CloseAsync(me, number, input, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.EquipmentMaintain);
    }
}
