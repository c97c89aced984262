namespace Vigie.Domain.Alarms.Handling;

/// <summary>What lifted the doubt: a picture or clip of the alarm's cameras, or a call that confirmed the intrusion.</summary>
public enum EvidenceKind
{
    Snapshot,
    Clip,
    ConfirmingCall,
}

/// <summary>
/// Verification evidence attached to an alarm (CSI L613-6: a property alarm is passed to the police only once
/// the intrusion is verified). A picture's bytes are a main-courante attachment, named by its SHA-256.
/// </summary>
public sealed class AlarmEvidence
{
    private AlarmEvidence()
    {
        Description = string.Empty;
        ByName = string.Empty;
    }

    public AlarmEvidence(long alarmId, EvidenceKind kind, string description, PersonId by, string byName, DateTimeOffset at)
    {
        AlarmId = alarmId;
        Kind = kind;
        Description = Guard.Text(description, nameof(Description), "evidence.description_required");
        ById = by;
        ByName = byName;
        At = at;
    }

    public long Id { get; private set; }

    public long AlarmId { get; private set; }

    public EvidenceKind Kind { get; private set; }

    public Guid? CameraId { get; init; }

    /// <summary>The instant the picture shows (recorded), or when it was taken (live).</summary>
    public DateTimeOffset? Instant { get; init; }

    public string? AttachmentSha256 { get; init; }

    public string Description { get; private set; }

    public PersonId ById { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
