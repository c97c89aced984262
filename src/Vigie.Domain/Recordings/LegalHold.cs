namespace Vigie.Domain.Recordings;

/// <summary>
/// Conservation judiciaire: a camera's recordings over a time range are kept beyond retention for a
/// judicial procedure, until released. While active, no purge (expiry or low disk) may delete a segment
/// that overlaps the range.
/// </summary>
public sealed class LegalHold
{
    private LegalHold()
    {
        Reason = string.Empty;
        ProcedureNumber = string.Empty;
        CreatedBy = string.Empty;
    }

    public LegalHold(CameraId cameraId, DateTimeOffset from, DateTimeOffset to, string reason, string procedureNumber, string createdBy, DateTimeOffset createdAt, long? registerNumber = null)
    {
        if (to <= from)
        {
            throw new DomainException("hold.range_invalid", "The end of the held range must be after its start.", nameof(To));
        }

        Id = Guid.CreateVersion7();
        CameraId = cameraId;
        From = from;
        To = to;
        Reason = Guard.Text(reason, nameof(Reason), "hold.reason_required");
        ProcedureNumber = Guard.Text(procedureNumber, nameof(ProcedureNumber), "hold.procedure_required");
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        RegisterNumber = registerNumber;
    }

    public Guid Id { get; private set; }

    public CameraId CameraId { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public string Reason { get; private set; }

    /// <summary>Numéro de procédure / réquisition given by the judicial authority.</summary>
    public string ProcedureNumber { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public string? ReleasedBy { get; private set; }

    /// <summary>Why the hold was lifted (the procedure closed, the authority's letter…): required, it is what an auditor reads.</summary>
    public string? ReleaseReason { get; private set; }

    /// <summary>The extraction-register entry whose judicial request placed this hold; null for a hold placed by hand.</summary>
    public long? RegisterNumber { get; private set; }

    public bool IsActive => ReleasedAt is null;

    /// <summary>True when this active hold covers any instant of [start, end].</summary>
    public bool Covers(CameraId camera, DateTimeOffset start, DateTimeOffset end) =>
        IsActive && camera == CameraId && start < To && end > From;

    public void Release(string releasedBy, DateTimeOffset at, string reason)
    {
        if (!IsActive)
        {
            throw new DomainException("hold.already_released", "This legal hold is already released.");
        }

        ReleaseReason = Guard.Text(reason, nameof(ReleaseReason), "hold.release_reason_required");
        ReleasedBy = releasedBy;
        ReleasedAt = at;
    }
}
