namespace Vigie.Media.Ingest;

/// <summary>Supervision state of one camera, as the console shows it.</summary>
public enum CameraState
{
    /// <summary>Opening the RTSP session (first time or after a failure, within the backoff).</summary>
    Connecting,

    /// <summary>Frames arrive normally.</summary>
    Streaming,

    /// <summary>Frames arrive but the stream has problems (lost packets, dropped frames, malformed data).</summary>
    Degraded,

    /// <summary>No frame for longer than the video-loss delay.</summary>
    Offline,

    /// <summary>The camera cannot even be tried as configured (e.g. its stored password cannot be decrypted): no connection until it is corrected.</summary>
    Misconfigured,
}
