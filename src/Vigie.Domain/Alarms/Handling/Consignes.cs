namespace Vigie.Domain.Alarms.Handling;

/// <summary>What a step of the consignes asks the operator to do.</summary>
public enum StepKind
{
    WatchCameras,
    CallContacts,
    CheckPassword,
    DispatchPatrol,
    NotifyAuthorities,
    Free,
}

/// <summary>One step of a site's consignes for a category of alarm.</summary>
public sealed record ProcedureStep(StepKind Kind, string Title, bool Mandatory)
{
    public const int MaxTitleLength = 200;

    /// <summary>This step with its title trimmed; throws on an empty or too long title or an unknown kind.</summary>
    public ProcedureStep Validated()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new DomainException("procedure.step_kind_invalid", "Unknown kind of step.", nameof(Kind));
        }

        return this with { Title = Guard.Text(Title, nameof(Title), "procedure.step_title_required") };
    }
}

/// <summary>
/// The consignes of a site for a category of alarm: ordered steps, administered in the console. Copied into each
/// alarm when it opens, so that an alarm keeps the steps that applied when it came in.
/// </summary>
public sealed class SiteProcedure
{
    public const int MaxSteps = 30;

    private List<ProcedureStep> _steps = [];

    private SiteProcedure()
    {
    }

    public SiteProcedure(SiteId siteId, AlarmCategory category, IEnumerable<ProcedureStep> steps)
    {
        SiteId = siteId;
        Category = category;
        Replace(steps);
    }

    public long Id { get; private set; }

    public SiteId SiteId { get; private set; }

    public AlarmCategory Category { get; private set; }

    public IReadOnlyList<ProcedureStep> Steps => _steps;

    public void Replace(IEnumerable<ProcedureStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.Select(s => s.Validated()).ToList();
        if (list.Count is 0 or > MaxSteps)
        {
            throw new DomainException("procedure.steps_count", $"Consignes have 1 to {MaxSteps} steps.", nameof(Steps));
        }

        _steps = list;
    }

    /// <summary>The consignes an alarm follows when its site has none for its category: advice, nothing mandatory.</summary>
    public static IReadOnlyList<ProcedureStep> Default(AlarmCategory category) => category switch
    {
        AlarmCategory.Intrusion or AlarmCategory.Tamper =>
        [
            new(StepKind.WatchCameras, "Visionner les caméras du site et l'enregistrement de l'alarme", false),
            new(StepKind.CallContacts, "Appeler les contacts du site dans l'ordre", false),
            new(StepKind.CheckPassword, "Vérifier le mot de passe de la personne jointe", false),
            new(StepKind.DispatchPatrol, "Envoyer un intervenant si le doute subsiste", false),
            new(StepKind.NotifyAuthorities, "Prévenir les forces de l'ordre si le doute est avéré", false),
        ],
        AlarmCategory.HoldUp or AlarmCategory.Panic =>
        [
            new(StepKind.WatchCameras, "Visionner les caméras sans se manifester", false),
            new(StepKind.NotifyAuthorities, "Prévenir la police ou la gendarmerie", false),
            new(StepKind.CallContacts, "Appeler les contacts du site", false),
        ],
        AlarmCategory.Fire =>
        [
            new(StepKind.WatchCameras, "Visionner les caméras du site", false),
            new(StepKind.NotifyAuthorities, "Appeler les sapeurs-pompiers (18)", false),
            new(StepKind.CallContacts, "Appeler les contacts du site", false),
        ],
        _ =>
        [
            new(StepKind.WatchCameras, "Visionner les caméras du site", false),
            new(StepKind.CallContacts, "Prévenir le contact technique du site", false),
        ],
    };
}

/// <summary>Where a step of an alarm's consignes stands.</summary>
public enum StepStatus
{
    Pending,
    Done,
    Skipped,
}

/// <summary>A step of the consignes as an alarm follows it.</summary>
public sealed class AlarmStep
{
    private AlarmStep()
    {
        Title = string.Empty;
        Note = string.Empty;
        ByName = string.Empty;
    }

    public AlarmStep(long alarmId, int order, ProcedureStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        AlarmId = alarmId;
        Order = order;
        Kind = step.Kind;
        Title = step.Title;
        Mandatory = step.Mandatory;
        Note = string.Empty;
        ByName = string.Empty;
    }

    public long Id { get; private set; }

    public long AlarmId { get; private set; }

    public int Order { get; private set; }

    public StepKind Kind { get; private set; }

    public string Title { get; private set; }

    public bool Mandatory { get; private set; }

    public StepStatus Status { get; private set; }

    public string Note { get; private set; }

    public DateTimeOffset? At { get; private set; }

    public PersonId? ById { get; private set; }

    public string ByName { get; private set; }

    /// <summary>Done (a note is optional) or skipped (the reason is required); either once.</summary>
    public string Complete(bool skipped, string? note, PersonId by, string byName, DateTimeOffset at)
    {
        if (Status != StepStatus.Pending)
        {
            throw DomainException.Conflict("step.already_completed", $"Step {Order} is already {(Status == StepStatus.Done ? "done" : "skipped")}.");
        }

        note = note?.Trim() ?? string.Empty;
        if (skipped && note.Length == 0)
        {
            throw new DomainException("step.skip_reason_required", "Say why this step is skipped.", nameof(Note));
        }

        if (note.Length > 1000)
        {
            throw new DomainException("step.note_too_long", "A step's note is at most 1000 characters.", nameof(Note));
        }

        Status = skipped ? StepStatus.Skipped : StepStatus.Done;
        Note = note;
        At = at;
        ById = by;
        ByName = byName;
        return skipped
            ? $"Alarme #{AlarmId} : consigne {Order} « {Title} » non faite par {byName} : {note}."
            : $"Alarme #{AlarmId} : consigne {Order} « {Title} » faite par {byName}{(note.Length > 0 ? $" : {note}" : string.Empty)}.";
    }
}

/// <summary>How a call to a site's contact went.</summary>
public enum CallOutcome
{
    /// <summary>Joint.</summary>
    Reached,

    /// <summary>Joint, et confirme l'intrusion (verification evidence, L613-6).</summary>
    ReachedConfirms,

    /// <summary>Pas de réponse.</summary>
    NoAnswer,

    /// <summary>Messagerie.</summary>
    Voicemail,

    /// <summary>Mauvais mot de passe: the person answering did not give the site's password.</summary>
    WrongPassword,
}

/// <summary>A call to one of the site's contacts or keyholders about an alarm.</summary>
public sealed class ContactCall
{
    private ContactCall()
    {
        ContactName = string.Empty;
        Phone = string.Empty;
        Note = string.Empty;
        ByName = string.Empty;
    }

    public ContactCall(long alarmId, string contactName, string phone, CallOutcome outcome, string? note, PersonId by, string byName, DateTimeOffset at)
    {
        AlarmId = alarmId;
        ContactName = Guard.Text(contactName, nameof(ContactName), "call.contact_required");
        Phone = phone?.Trim() ?? string.Empty;
        Outcome = Enum.IsDefined(outcome) ? outcome : throw new DomainException("call.outcome_invalid", "Unknown call outcome.", nameof(Outcome));
        Note = note?.Trim() ?? string.Empty;
        ById = by;
        ByName = byName;
        At = at;
    }

    public long Id { get; private set; }

    public long AlarmId { get; private set; }

    public string ContactName { get; private set; }

    public string Phone { get; private set; }

    public CallOutcome Outcome { get; private set; }

    public string Note { get; private set; }

    public PersonId ById { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }

    public bool Reached => Outcome is CallOutcome.Reached or CallOutcome.ReachedConfirms;

    public static string FrenchOutcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "joint",
        CallOutcome.ReachedConfirms => "joint, confirme l'intrusion",
        CallOutcome.NoAnswer => "pas de réponse",
        CallOutcome.Voicemail => "messagerie",
        _ => "mauvais mot de passe",
    };
}
