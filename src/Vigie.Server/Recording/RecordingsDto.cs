namespace Vigie.Server.Recording;

/// <summary>What the index holds for one camera over a window: segments and gaps by time, the active legal holds and the totals.</summary>
public sealed record RecordingsDto(
    Guid CameraId,
    string CameraName,
    Guid SiteId,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<RecordedSegmentDto> Segments,
    IReadOnlyList<RecordingGapDto> Gaps,
    IReadOnlyList<LegalHoldService.HoldDto> Holds,
    RecordingTotalsDto Totals);
