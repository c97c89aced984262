namespace Vigie.Domain.Equipment;

/// <summary>
/// A fault being handled ("ticket de panne"): opened from a technical alarm or by hand, worked through the guided
/// troubleshooting steps of its fault (<see cref="Troubleshooting"/>), each recorded as done, assigned to an internal
/// technician or an external maintainer with a due date, closed with the fix. Never deleted; every change is a main
/// courante sentence (returned by the methods).
/// </summary>
public sealed class FaultTicket
{
    public const int MaxTextLength = 1000;

    private FaultTicket()
    {
        Device = string.Empty;
        DeviceName = string.Empty;
        FaultCode = string.Empty;
        Title = string.Empty;
        OpenedBy = string.Empty;
    }

    public FaultTicket(string device, string deviceName, EquipmentKind kind, SiteId? siteId, string faultCode, string title, long? alarmId, string openedBy, DateTimeOffset now)
        : this()
    {
        Device = device;
        DeviceName = deviceName;
        Kind = kind;
        SiteId = siteId;
        FaultCode = faultCode;
        Title = Text(title, nameof(Title), required: true)!;
        AlarmId = alarmId;
        OpenedBy = openedBy;
        OpenedAt = now;
    }

    public long Id { get; private set; }

    public string Device { get; private set; }

    public string DeviceName { get; private set; }

    public EquipmentKind Kind { get; private set; }

    public SiteId? SiteId { get; private set; }

    /// <summary>The finding's code (<c>camera.offline</c>…), which picks the troubleshooting steps; <c>manual</c> when opened by hand without one.</summary>
    public string FaultCode { get; private set; }

    public string Title { get; private set; }

    /// <summary>The technical alarm it was opened from.</summary>
    public long? AlarmId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public string OpenedBy { get; private set; }

    /// <summary>The technician or maintainer in charge.</summary>
    public string? Assignee { get; private set; }

    /// <summary>True for an external maintainer (a company), false for the centre's own technician.</summary>
    public bool AssigneeExternal { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>What fixed it.</summary>
    public string? Fix { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public bool Overdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;

    public string Opened() =>
        $"Ticket de panne n° {Id} ouvert pour « {DeviceName} » : {Title}{(AlarmId is { } alarm ? $" (alarme #{alarm})" : string.Empty)}.";

    public string Assign(string assignee, bool external, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        DemandOpen();
        var name = Text(assignee, nameof(Assignee), required: true)!;
        if (dueAt is { } due && due <= now)
        {
            throw new DomainException("ticket.due_past", "The due date must be in the future.", nameof(DueAt));
        }

        Assignee = name;
        AssigneeExternal = external;
        DueAt = dueAt;
        return $"Ticket de panne n° {Id} (« {DeviceName} ») confié à {(external ? "la maintenance externe" : "le technicien")} {name}"
            + (dueAt is { } d ? $", pour le {Paris(d)}." : ".");
    }

    public string Close(string fix, string by, DateTimeOffset now)
    {
        DemandOpen();
        Fix = Text(fix, nameof(Fix), required: true);
        ClosedBy = by;
        ClosedAt = now;
        return $"Ticket de panne n° {Id} (« {DeviceName} ») clos : {Fix}.";
    }

    public void DemandOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("ticket.closed", "This ticket is closed.", nameof(ClosedAt));
        }
    }

    internal static string? Text(string? value, string field, bool required)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return required ? throw new DomainException($"ticket.{field.ToLowerInvariant()}_required", $"{field} is required.", field) : null;
        }

        return text.Length <= MaxTextLength ? text : throw new DomainException($"ticket.{field.ToLowerInvariant()}_too_long", $"{field} is longer than {MaxTextLength} characters.", field);
    }

    internal static string Paris(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, ParisZone).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly TimeZoneInfo ParisZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}

/// <summary>What became of a troubleshooting step.</summary>
public enum StepOutcome
{
    /// <summary>Done, and it did not fix the fault (or there was nothing to fix).</summary>
    Done,

    /// <summary>Done and the fault is fixed.</summary>
    Fixed,

    /// <summary>Could not be done (no access, no answer…).</summary>
    Failed,

    Skipped,
}

/// <summary>A troubleshooting step as the operator did it, appended to its ticket.</summary>
public sealed class FaultTicketStep
{
    private FaultTicketStep()
    {
        Step = string.Empty;
        By = string.Empty;
    }

    public FaultTicketStep(long ticketId, string step, StepOutcome outcome, string? note, string? result, string by, DateTimeOffset at)
        : this()
    {
        TicketId = ticketId;
        Step = step;
        Outcome = outcome;
        Note = FaultTicket.Text(note, nameof(Note), required: false);
        Result = result is { Length: > FaultTicket.MaxTextLength } ? result[..FaultTicket.MaxTextLength] : result;
        By = by;
        At = at;
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    /// <summary>The step's code in the guide (<c>network</c>, <c>diagnostic</c>, <c>reboot</c>, <c>call</c>…).</summary>
    public string Step { get; private set; }

    public StepOutcome Outcome { get; private set; }

    /// <summary>What the operator wrote.</summary>
    public string? Note { get; private set; }

    /// <summary>What an automatic step (network test, stream diagnostic, reboot) answered.</summary>
    public string? Result { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }
}
