namespace Vigie.Domain.Cameras;

/// <summary>
/// A stretch of time the analytics saw motion in a camera's picture, shown on the playback timeline. Kept no longer
/// than the camera's recordings (<see cref="Camera.RetentionDays"/>).
/// </summary>
public sealed class MotionRange
{
    private MotionRange()
    {
    }

    public MotionRange(CameraId cameraId, DateTimeOffset startsAt, DateTimeOffset endsAt, double peak)
    {
        if (endsAt < startsAt)
        {
            throw new DomainException("motion.range_invalid", "A motion range cannot end before it starts.");
        }

        CameraId = cameraId;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Peak = Math.Clamp(peak, 0, 1);
    }

    public long Id { get; private set; }

    public CameraId CameraId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The most of the picture that moved at once, 0 to 1.</summary>
    public double Peak { get; private set; }
}
