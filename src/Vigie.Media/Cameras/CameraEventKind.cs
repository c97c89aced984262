namespace Vigie.Media.Cameras;

/// <summary>What a technical event of the video side reports.</summary>
public enum CameraEventKind
{
    /// <summary>No frame for longer than the video-loss delay ("perte vidéo").</summary>
    VideoLost,

    /// <summary>Frames again after a reported loss ("flux rétabli").</summary>
    VideoRestored,

    /// <summary>The camera cannot be tried as configured ("configuration invalide").</summary>
    Misconfigured,

    /// <summary>Free space for recordings under the mark: the oldest segments were purged, or even that was not enough.</summary>
    LowDiskSpace,
}
