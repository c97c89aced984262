using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Equipment;
using Vigie.Domain.Logbook;
using Vigie.Server.Features.Alarms;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// Fault tickets: opened from a technical alarm (its device and fault read from the alarm's first signal) or by hand
/// on a device; worked through the guided steps of the fault (<see cref="Troubleshooting"/>), the automatic ones
/// (network test, stream diagnostic, reboot) run by the server and their answer recorded; assigned with a due date;
/// closed with the fix. Every change is a main courante entry referencing the ticket and, when there is one, the alarm.
/// </summary>
public sealed class FaultTicketService(EquipmentService equipment, CameraDiagnostics diagnostics, VigieDbFactory dbFactory, LogbookWriter logbook, TimeProvider time)
{
    public sealed record TicketFilter(bool? Open = null, string? Device = null, long? AlarmId = null);

    public sealed record OpenInput(string? Device, long? AlarmId, string? Title);

    public sealed record StepInput(string? Step, string? Outcome, string? Note, bool Run = false);

    public sealed record AssignInput(string? Assignee, bool External, DateTimeOffset? DueAt);

    public sealed record CloseInput(string? Fix);

    public sealed record TicketSummary(long Id, string Device, string DeviceName, string Kind, Guid? SiteId, string FaultCode, string Title, long? AlarmId,
        DateTimeOffset OpenedAt, string OpenedBy, string? Assignee, bool AssigneeExternal, DateTimeOffset? DueAt, bool Overdue, DateTimeOffset? ClosedAt, string? ClosedBy, string? Fix);

    public sealed record StepRecord(string Step, string Outcome, string? Note, string? Result, string By, DateTimeOffset At);

    public sealed record GuideStep(string Code, string Text, string TextEnglish, string Action, IReadOnlyList<StepRecord> Records);

    public sealed record TicketDetail(TicketSummary Ticket, IReadOnlyList<GuideStep> Guide, IReadOnlyList<StepRecord> Steps);

    public async Task<TicketDetail> OpenAsync(Actor actor, OpenInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.EquipmentMaintain);
        await using var db = dbFactory.CreateDbContext();
        var (deviceId, code, title) = (input.Device, "manual", input.Title);
        if (input.AlarmId is { } alarmId)
        {
            var alarm = await db.Alarms.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alarmId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such alarm.");
            if (alarm.SiteId is { } site)
            {
                actor.DemandSite(site);
            }

            var first = await db.AlarmSignals.AsNoTracking().FirstAsync(s => s.Id == alarm.FirstSignalId, cancellationToken).ConfigureAwait(false);
            if (first.Source == EquipmentSupervisor.Source && Named(first.Raw) is { } named)
            {
                (deviceId, code) = (named.Device, named.Code);
            }
            else if (deviceId is null)
            {
                throw new DomainException("ticket.device_required", "This alarm does not name a device: choose the device.", nameof(input.Device));
            }

            title ??= alarm.Title;
        }

        if (string.IsNullOrWhiteSpace(deviceId))
        {
            throw new DomainException("ticket.device_required", "Choose the device.", nameof(input.Device));
        }

        var device = equipment.Device(actor, deviceId);
        if (code == "manual" && device.Findings.FirstOrDefault(f => f.Severity == "fault") is { } fault)
        {
            code = fault.Code;
        }

        EquipmentNames.TryParseKind(device.Kind, out var kind);
        var ticket = new FaultTicket(device.Id, device.Name, kind, device.SiteId is { } s ? new SiteId(s) : null, code,
            string.IsNullOrWhiteSpace(title) ? DefaultTitle(device) : title, input.AlarmId, actor.DisplayName, time.GetUtcNow());
        db.FaultTickets.Add(ticket);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await NoteAsync(actor, ticket, ticket.Opened(), cancellationToken).ConfigureAwait(false);
        return Detail(ticket, []);
    }

    public async Task<IReadOnlyList<TicketSummary>> ListAsync(Actor actor, TicketFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = dbFactory.CreateDbContext();
        var query = db.FaultTickets.AsNoTracking().VisibleTo(actor);
        if (filter.Device is { } device)
        {
            query = query.Where(t => t.Device == device);
        }

        if (filter.AlarmId is { } alarm)
        {
            query = query.Where(t => t.AlarmId == alarm);
        }

        if (filter.Open is { } open)
        {
            query = open ? query.Where(t => t.ClosedAt == null) : query.Where(t => t.ClosedAt != null);
        }

        var now = time.GetUtcNow();
        var tickets = await query.OrderByDescending(t => t.Id).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. tickets.Select(t => Summary(t, now))];
    }

    public async Task<TicketDetail> GetAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var ticket = await FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        return Detail(ticket, await StepsAsync(db, id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Records a troubleshooting step; with <c>run</c>, the server does it first (network test, stream diagnostic, reboot) and records its answer.</summary>
    public async Task<TicketDetail> StepAsync(Actor actor, long id, StepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.EquipmentMaintain);
        await using var db = dbFactory.CreateDbContext();
        var ticket = await FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        ticket.DemandOpen();
        var guide = Troubleshooting.For(ticket.Kind, ticket.FaultCode);
        var step = guide.FirstOrDefault(g => g.Code == input.Step)
            ?? throw new DomainException("ticket.step_unknown", $"No step '{input.Step}' for this fault; steps: {string.Join(", ", guide.Select(g => g.Code))}.", nameof(input.Step));
        string? result = null;
        var outcome = ParseOutcome(input.Outcome);
        if (input.Run)
        {
            if (step.Action == StepAction.None || DeviceKeys.CameraOf(ticket.Device) is not { } camera)
            {
                throw new DomainException("ticket.step_not_runnable", "Vigie cannot do this step by itself: do it and record what you found.", nameof(input.Run));
            }

            var answer = step.Action switch
            {
                StepAction.NetworkTest => await diagnostics.NetworkTestAsync(camera, cancellationToken).ConfigureAwait(false),
                StepAction.StreamDiagnostic => await diagnostics.StreamDiagnosticAsync(camera, cancellationToken).ConfigureAwait(false),
                _ => await diagnostics.RebootAsync(camera, cancellationToken).ConfigureAwait(false),
            };
            result = answer.Text;
            outcome ??= answer.Succeeded ? StepOutcome.Done : StepOutcome.Failed;
        }

        var record = new FaultTicketStep(ticket.Id, step.Code, outcome ?? StepOutcome.Done, input.Note, result, actor.DisplayName, time.GetUtcNow());
        db.FaultTicketSteps.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var said = string.Join(" ", new[] { result, record.Note }.Where(t => !string.IsNullOrWhiteSpace(t)));
        await NoteAsync(actor, ticket, $"Ticket de panne n° {ticket.Id} (« {ticket.DeviceName} ») : {step.French} — {OutcomeLabel(record.Outcome)}{(said.Length > 0 ? $" : {said}" : ".")}",
            cancellationToken).ConfigureAwait(false);
        return Detail(ticket, await StepsAsync(db, id, cancellationToken).ConfigureAwait(false));
    }

    public Task<TicketDetail> AssignAsync(Actor actor, long id, AssignInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeAsync(actor, id, (ticket, now) => ticket.Assign(input.Assignee ?? string.Empty, input.External, input.DueAt, now), cancellationToken);
    }

    public Task<TicketDetail> CloseAsync(Actor actor, long id, CloseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeAsync(actor, id, (ticket, now) => ticket.Close(input.Fix ?? string.Empty, actor.DisplayName, now), cancellationToken);
    }

    /// <summary>One change of a ticket: made, saved, its sentence in the main courante.</summary>
    private async Task<TicketDetail> ChangeAsync(Actor actor, long id, Func<FaultTicket, DateTimeOffset, string> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EquipmentMaintain);
        await using var db = dbFactory.CreateDbContext();
        var ticket = await FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        var text = change(ticket, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await NoteAsync(actor, ticket, text, cancellationToken).ConfigureAwait(false);
        return Detail(ticket, await StepsAsync(db, id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A ticket opened by hand without a title: the device's worst finding, or an intervention on it.</summary>
    private static string DefaultTitle(DeviceView device) =>
        device.Findings.OrderByDescending(f => f.Severity == "fault").FirstOrDefault() is { } finding ? $"{device.Name} : {finding.Text}" : $"Intervention sur {device.Name}";

    /// <summary>The device and fault an equipment alarm signal names (its raw JSON), if it is one.</summary>
    internal static (string Device, string Code)? Named(string raw)
    {
        try
        {
            using var json = JsonDocument.Parse(raw);
            return json.RootElement.TryGetProperty("device", out var d) && json.RootElement.TryGetProperty("code", out var c) && d.GetString() is { } device && c.GetString() is { } code
                ? (device, code)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<FaultTicket> FindAsync(Storage.Model.VigieDbContext db, Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var ticket = await db.FaultTickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such ticket.");
        if (ticket.SiteId is { } site)
        {
            actor.DemandSite(site);
        }

        return ticket;
    }

    private static async Task<List<FaultTicketStep>> StepsAsync(Storage.Model.VigieDbContext db, long id, CancellationToken cancellationToken) =>
        await db.FaultTicketSteps.AsNoTracking().Where(s => s.TicketId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    private TicketDetail Detail(FaultTicket ticket, List<FaultTicketStep> steps)
    {
        var records = steps.Select(s => new StepRecord(s.Step, s.Outcome.ToString().ToLowerInvariant(), s.Note, s.Result, s.By, s.At)).ToList();
        var guide = Troubleshooting.For(ticket.Kind, ticket.FaultCode)
            .Select(g => new GuideStep(g.Code, g.French, g.English, g.Action.ToString(), [.. records.Where(r => r.Step == g.Code)])).ToList();
        return new TicketDetail(Summary(ticket, time.GetUtcNow()), guide, records);
    }

    private static TicketSummary Summary(FaultTicket t, DateTimeOffset now) => new(t.Id, t.Device, t.DeviceName, EquipmentNames.Of(t.Kind), t.SiteId?.Value, t.FaultCode, t.Title,
        t.AlarmId, t.OpenedAt, t.OpenedBy, t.Assignee, t.AssigneeExternal, t.DueAt, t.Overdue(now), t.ClosedAt, t.ClosedBy, t.Fix);

    private Task NoteAsync(Actor actor, FaultTicket ticket, string text, CancellationToken cancellationToken) =>
        logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical, text, ticket.SiteId, actor.Id, actor.DisplayName,
            ticket.AlarmId is { } alarm ? $"ticket:{ticket.Id} {AlarmService.Reference(alarm)}" : $"ticket:{ticket.Id}"), cancellationToken);

    private static StepOutcome? ParseOutcome(string? outcome) => outcome is null or ""
        ? null
        : Enum.TryParse<StepOutcome>(outcome, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(outcome, out _)
            ? parsed
            : throw new DomainException("ticket.outcome", "The outcome must be done, fixed, failed or skipped.", "outcome");

    private static string OutcomeLabel(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Fixed => "fait, panne résolue",
        StepOutcome.Failed => "échec",
        StepOutcome.Skipped => "non fait",
        _ => "fait",
    };
}
