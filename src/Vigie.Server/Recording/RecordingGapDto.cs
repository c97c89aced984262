using Vigie.Domain.Recordings;

namespace Vigie.Server.Recording;

/// <summary>A span the camera was not recorded, with the reason the recorder gave (e.g. "perte vidéo").</summary>
public sealed record RecordingGapDto(long Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, double DurationSeconds, string Reason)
{
    public static RecordingGapDto From(RecordingGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        return new(gap.Id, gap.StartsAt, gap.EndsAt, (gap.EndsAt - gap.StartsAt).TotalSeconds, gap.Reason);
    }
}
