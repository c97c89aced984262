namespace Vigie.Domain.Recordings;

public enum PurgeReason
{
    /// <summary>Older than the camera's retention (≤ 30 days, CSI L252-5).</summary>
    RetentionExpired = 1,

    /// <summary>Free space fell under the high-water mark: oldest segments go first.</summary>
    LowDiskSpace = 2,
}
