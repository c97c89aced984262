namespace Vigie.Domain.Alarms.Handling;

/// <summary>The crisis a major incident is, which decides its checklist.</summary>
public enum IncidentKind
{
    Attentat,
    Incendie,
    MouvementDeFoule,
    Autre,
}

/// <summary>
/// A major incident: alarms linked into one event with its own timeline (the main-courante entries of the incident
/// and of its alarms) and the crisis checklist of its kind, copied when it opens.
/// </summary>
public sealed class Incident
{
    public const int MaxSummaryLength = 4000;

    private Incident()
    {
        Title = string.Empty;
        OpenedByName = string.Empty;
    }

    public Incident(string title, IncidentKind kind, PersonId by, string byName, DateTimeOffset at)
    {
        Title = Guard.Text(title, nameof(Title), "incident.title_required");
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("incident.kind_invalid", "Unknown kind of incident.", nameof(Kind));
        OpenedById = by;
        OpenedByName = byName;
        OpenedAt = at;
    }

    public long Id { get; private set; }

    public string Title { get; private set; }

    public IncidentKind Kind { get; private set; }

    public PersonId OpenedById { get; private set; }

    public string OpenedByName { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? Summary { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public string Close(string summary, string byName, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw DomainException.Conflict("incident.closed", $"Incident #{Id} is already closed.");
        }

        summary = summary?.Trim() ?? string.Empty;
        if (summary.Length is 0 or > MaxSummaryLength)
        {
            throw new DomainException("incident.summary_required", $"The closure needs a summary of 1 to {MaxSummaryLength} characters.", nameof(Summary));
        }

        ClosedAt = at;
        Summary = summary;
        return $"Incident majeur #{Id} « {Title} » clos par {byName} : {summary}";
    }

    public static string FrenchKind(IncidentKind kind) => kind switch
    {
        IncidentKind.Attentat => "attentat",
        IncidentKind.Incendie => "incendie",
        IncidentKind.MouvementDeFoule => "mouvement de foule",
        _ => "autre",
    };
}

/// <summary>One line of an incident's crisis checklist, ticked by whoever does it.</summary>
public sealed class IncidentTask
{
    private IncidentTask()
    {
        Text = string.Empty;
        DoneByName = string.Empty;
    }

    public IncidentTask(long incidentId, int order, string text)
    {
        IncidentId = incidentId;
        Order = order;
        Text = text;
        DoneByName = string.Empty;
    }

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    public int Order { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public string DoneByName { get; private set; }

    public string Tick(string byName, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            throw DomainException.Conflict("incident.task_done", $"« {Text} » is already done.");
        }

        DoneAt = at;
        DoneByName = byName;
        return $"Incident majeur #{IncidentId} : « {Text} » fait par {byName}.";
    }
}

/// <summary>The checklist of a kind of crisis, edited by administrators; copied into each incident of that kind.</summary>
public sealed class CrisisChecklist
{
    public const int MaxItems = 40;

    private List<string> _items = [];

    private CrisisChecklist()
    {
    }

    public CrisisChecklist(IncidentKind kind, IEnumerable<string> items)
    {
        Kind = kind;
        Replace(items);
    }

    public IncidentKind Kind { get; private set; }

    public IReadOnlyList<string> Items => _items;

    public void Replace(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.Select(i => Guard.Text(i, "Item", "checklist.item_required")).ToList();
        if (list.Count > MaxItems)
        {
            throw new DomainException("checklist.too_many", $"A checklist has at most {MaxItems} lines.", nameof(Items));
        }

        _items = list;
    }

    /// <summary>The lines a kind of crisis starts with until an administrator edits them.</summary>
    public static IReadOnlyList<string> Default(IncidentKind kind) => kind switch
    {
        IncidentKind.Attentat =>
        [
            "Appeler le 17 (ou le 112) et donner la position exacte",
            "Suivre les personnes et véhicules suspects sur les caméras, sans les quitter",
            "Conserver les enregistrements : conservation judiciaire des caméras concernées",
            "Prévenir le responsable du site et le superviseur",
            "Noter chaque information transmise aux forces de l'ordre",
        ],
        IncidentKind.Incendie =>
        [
            "Appeler le 18 et donner l'adresse et l'accès des secours",
            "Vérifier l'évacuation sur les caméras",
            "Prévenir le responsable du site",
            "Guider les secours à leur arrivée",
        ],
        IncidentKind.MouvementDeFoule =>
        [
            "Prévenir la police (17) et le responsable du site",
            "Repérer les points de compression sur les caméras",
            "Faire ouvrir les issues de dégagement",
            "Demander l'appui des secours si des personnes sont blessées (15 / 18)",
        ],
        _ =>
        [
            "Prévenir le superviseur",
            "Noter les faits au fil de l'eau",
        ],
    };
}

/// <summary>
/// Passation de consignes: what the outgoing operator hands over (open alarms, incidents, notes), acknowledged by
/// the incoming one. Both are main-courante entries.
/// </summary>
public sealed class Handover
{
    public const int MaxTextLength = 8000;

    private Handover()
    {
        FromName = string.Empty;
        Summary = string.Empty;
        Notes = string.Empty;
    }

    public Handover(PersonId from, string fromName, string summary, string? notes, DateTimeOffset at)
    {
        FromId = from;
        FromName = fromName;
        Summary = summary;
        Notes = notes?.Trim() ?? string.Empty;
        if (Notes.Length > MaxTextLength)
        {
            throw new DomainException("handover.notes_too_long", $"Notes are at most {MaxTextLength} characters.", nameof(Notes));
        }

        At = at;
    }

    public long Id { get; private set; }

    public PersonId FromId { get; private set; }

    public string FromName { get; private set; }

    /// <summary>What Vigie gathered: open alarms and incidents at the time.</summary>
    public string Summary { get; private set; }

    public string Notes { get; private set; }

    public DateTimeOffset At { get; private set; }

    public PersonId? AcknowledgedById { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string Acknowledge(PersonId by, string byName, DateTimeOffset at)
    {
        if (AcknowledgedAt is not null)
        {
            throw DomainException.Conflict("handover.acknowledged", $"This handover was already acknowledged by {AcknowledgedByName}.");
        }

        if (by == FromId)
        {
            throw DomainException.Conflict("handover.self", "The incoming operator acknowledges the handover, not the outgoing one.");
        }

        AcknowledgedById = by;
        AcknowledgedByName = byName;
        AcknowledgedAt = at;
        return $"Passation de {FromName} prise en compte par {byName}.";
    }
}
