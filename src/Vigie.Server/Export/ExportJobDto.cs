namespace Vigie.Server.Export;

/// <summary>An export as the API sends it: state (queued, running, done, failed), progress in percent, files once done.</summary>
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
    IReadOnlyList<ExportFile> Files);
