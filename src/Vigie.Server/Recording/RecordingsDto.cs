namespace Vigie.Server.Recording;

/// <summary>
/// What the index holds for one camera over a window: segments and gaps by time, the active legal holds, the totals,
/// and when the analytics saw motion (empty for a camera without analytics).
/// </summary>
public sealed record RecordingsDto(
    Guid CameraId,
    string CameraName,
    Guid SiteId,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<RecordedSegmentDto> Segments,
    IReadOnlyList<RecordingGapDto> Gaps,
    IReadOnlyList<LegalHoldService.HoldDto> Holds,
    RecordingTotalsDto Totals,
    IReadOnlyList<MotionRangeDto> Motion);

/// <summary>A stretch of time something moved in the picture; <see cref="Peak"/> is the most of the picture that moved at once (0 to 1).</summary>
public sealed record MotionRangeDto(DateTimeOffset StartsAt, DateTimeOffset EndsAt, double Peak)
{
    public static MotionRangeDto From(Domain.Cameras.MotionRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return new(range.StartsAt.ToUniversalTime(), range.EndsAt.ToUniversalTime(), Math.Round(range.Peak, 3));
    }
}
