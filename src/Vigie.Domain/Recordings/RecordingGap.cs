namespace Vigie.Domain.Recordings;

/// <summary>A span of time a camera was not recorded, and why (camera offline, stream error, recorder stopped).</summary>
public sealed class RecordingGap
{
    private RecordingGap()
    {
        Reason = string.Empty;
    }

    public RecordingGap(CameraId cameraId, DateTimeOffset startsAt, DateTimeOffset endsAt, string reason)
    {
        if (endsAt < startsAt)
        {
            throw new DomainException("gap.range_invalid", "A gap cannot end before it starts.");
        }

        CameraId = cameraId;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Reason = reason ?? string.Empty;
    }

    public long Id { get; private set; }

    public CameraId CameraId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string Reason { get; private set; }
}
