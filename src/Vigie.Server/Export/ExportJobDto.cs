namespace Vigie.Server.Export;

/// <summary>An export as the API sends it: state (queued, running, done, failed), progress in percent, files once done, who asked for it (authority, requisition, officer).</summary>
public sealed record ExportJobDto(
    Guid Id,
    string State,
    double Progress,
    IReadOnlyList<Guid> CameraIds,
    DateTimeOffset From,
    DateTimeOffset To,
    string Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<ExportFile> Files)
{
    public string? Authority { get; init; }

    public string? Requisition { get; init; }

    public string? Officer { get; init; }

    /// <summary>A judicial request: the source ranges are held until a supervisor releases them.</summary>
    public bool Judicial { get; init; }

    /// <summary>Its number in the extraction register once started; the package (<c>/api/exports/{id}/package</c>) once done.</summary>
    public long? RegisterNumber { get; init; }
}
