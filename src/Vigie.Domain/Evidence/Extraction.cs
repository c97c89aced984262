using Vigie.Domain.People;

namespace Vigie.Domain.Evidence;

/// <summary>Where an extraction stands.</summary>
public enum ExtractionState
{
    Requested = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// An entry of the extraction register (PRODUCT.md: every export is one): its number, who asked and when, the cameras
/// and the range, the requesting authority, requisition or procedure number, officer and reason, and how it ended —
/// for a completed one the SHA-256 of its signed manifest, which ties the register to the package handed over.
/// Entries are never deleted.
/// </summary>
public sealed class Extraction
{
    public const int MaxTextLength = 500;

    private Extraction()
    {
        RequestedByName = string.Empty;
        CameraIds = string.Empty;
        CameraNames = string.Empty;
        Reason = string.Empty;
    }

    public Extraction(Guid exportId, DateTimeOffset requestedAt, PersonId requestedBy, string requestedByName, IReadOnlyCollection<(Guid Id, string Name)> cameras,
        DateTimeOffset from, DateTimeOffset to, string reason, string? authority, string? requisition, string? officer, bool judicial = false)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        if (cameras.Count == 0 || to <= from)
        {
            throw new DomainException("extraction.invalid", "An extraction names at least one camera and a range that ends after it starts.");
        }

        ExportId = exportId;
        RequestedAt = requestedAt;
        RequestedBy = requestedBy;
        RequestedByName = requestedByName;
        CameraIds = string.Join(' ', cameras.Select(c => c.Id.ToString("D")));
        CameraNames = string.Join(", ", cameras.Select(c => c.Name));
        From = from;
        To = to;
        Reason = reason;
        Authority = authority;
        Requisition = requisition;
        Officer = officer;
        Judicial = judicial;
        State = ExtractionState.Requested;
    }

    /// <summary>The register number (in order, never reused).</summary>
    public long Id { get; private set; }

    public Guid ExportId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public PersonId RequestedBy { get; private set; }

    public string RequestedByName { get; private set; }

    /// <summary>The cameras' ids, space-separated.</summary>
    public string CameraIds { get; private set; }

    /// <summary>The cameras' names as they were at the extraction, comma-separated.</summary>
    public string CameraNames { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public string Reason { get; private set; }

    public string? Authority { get; private set; }

    public string? Requisition { get; private set; }

    public string? Officer { get; private set; }

    /// <summary>A judicial request: the source ranges are under legal hold (linked to this entry) until a supervisor releases them.</summary>
    public bool Judicial { get; private set; }

    public ExtractionState State { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>SHA-256 of the signed manifest of the package (completed extractions).</summary>
    public string? ManifestSha256 { get; private set; }

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? Failure { get; private set; }

    public void Complete(DateTimeOffset at, string manifestSha256, int files, long bytes)
    {
        (State, FinishedAt, ManifestSha256, Files, Bytes) = (ExtractionState.Completed, at, manifestSha256, files, bytes);
    }

    public void Fail(DateTimeOffset at, string reason)
    {
        (State, FinishedAt, Failure) = (ExtractionState.Failed, at, reason.Length > MaxTextLength ? reason[..MaxTextLength] : reason);
    }
}
