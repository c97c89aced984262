namespace Vigie.Domain.Privacy;

/// <summary>Where an access request stands.</summary>
public enum AccessRequestState
{
    Open = 1,

    /// <summary>Answered: the images (redacted) were handed over, or the person told there are none.</summary>
    Answered = 2,

    /// <summary>Refused with the reason (not the person's images, manifestly unfounded…).</summary>
    Refused = 3,
}

/// <summary>
/// A person's request to see the images of them (GDPR art. 15; CSI L253-5): who asked and when, the cameras and the
/// time range they name, the deadline (one month from receipt, GDPR art. 12-3), the redacted extraction made for it
/// and the answer given. Kept in the register; never deleted.
/// </summary>
public sealed class AccessRequest
{
    public const int MaxTextLength = 1000;

    private AccessRequest()
    {
        Requester = string.Empty;
        Contact = string.Empty;
        CameraIds = string.Empty;
        CameraNames = string.Empty;
        Description = string.Empty;
        RecordedBy = string.Empty;
    }

    public AccessRequest(string requester, string contact, DateOnly receivedOn, IReadOnlyCollection<(Guid Id, string Name)> cameras, DateTimeOffset from, DateTimeOffset to,
        string description, string recordedBy, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        if (cameras.Count == 0)
        {
            throw new DomainException("access.cameras_required", "Name at least one camera.", nameof(CameraIds));
        }

        if (to <= from)
        {
            throw new DomainException("access.range_invalid", "The end of the range must come after its start.", nameof(To));
        }

        Requester = Guard.Text(requester, nameof(Requester), "access.requester_required");
        Contact = Guard.Text(contact, nameof(Contact), "access.contact_required");
        Description = Bounded(description, nameof(Description));
        ReceivedOn = receivedOn;
        Deadline = receivedOn.AddMonths(1);
        CameraIds = string.Join(' ', cameras.Select(c => c.Id.ToString("D")));
        CameraNames = string.Join(", ", cameras.Select(c => c.Name));
        From = from;
        To = to;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        State = AccessRequestState.Open;
    }

    /// <summary>Its number in the register of access requests.</summary>
    public long Id { get; private set; }

    /// <summary>The person asking (name as on their identity document).</summary>
    public string Requester { get; private set; }

    /// <summary>How to answer them (postal or e-mail address).</summary>
    public string Contact { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    /// <summary>One month after receipt (GDPR art. 12-3).</summary>
    public DateOnly Deadline { get; private set; }

    public string CameraIds { get; private set; }

    public string CameraNames { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    /// <summary>How the person describes themselves (clothes, place, what they did), to find them in the images.</summary>
    public string Description { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public AccessRequestState State { get; private set; }

    /// <summary>The extraction-register number of the redacted export made for it.</summary>
    public long? ExtractionNumber { get; private set; }

    public string? Answer { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>The last reminder raised (7 days before the deadline, 0 once overdue); null when none yet.</summary>
    public int? RemindedAt { get; private set; }

    public IEnumerable<Guid> Cameras => CameraIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);

    public int DaysLeft(DateOnly today) => Deadline.DayNumber - today.DayNumber;

    /// <summary>The reminder due on <paramref name="today"/> not raised yet: 7 (a week left), 0 (overdue), or null.</summary>
    public int? ReminderDue(DateOnly today)
    {
        if (State != AccessRequestState.Open)
        {
            return null;
        }

        int? due = DaysLeft(today) switch
        {
            < 0 => 0,
            <= 7 => 7,
            _ => null,
        };
        return due is { } level && (RemindedAt is null || level < RemindedAt) ? level : null;
    }

    public void MarkReminded(int level) => RemindedAt = level;

    public void LinkExtraction(long number)
    {
        DemandOpen();
        ExtractionNumber = number;
    }

    public void Close(bool answered, string answer, string closedBy, DateTimeOffset at)
    {
        DemandOpen();
        Answer = Guard.Text(answer.Length > Guard.MaxNameLength ? answer[..Guard.MaxNameLength] : answer, nameof(Answer), "access.answer_required");
        State = answered ? AccessRequestState.Answered : AccessRequestState.Refused;
        ClosedBy = closedBy;
        ClosedAt = at;
    }

    private void DemandOpen()
    {
        if (State != AccessRequestState.Open)
        {
            throw new DomainException("access.closed", "This access request is closed.");
        }
    }

    private static string Bounded(string? text, string field)
    {
        text = text?.Trim() ?? string.Empty;
        return text.Length <= MaxTextLength ? text : throw new DomainException("access.text_too_long", $"{field} is longer than {MaxTextLength} characters.", field);
    }
}
