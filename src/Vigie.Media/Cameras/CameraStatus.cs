using Vigie.Media.Ingest;

namespace Vigie.Media.Cameras;

/// <summary>A camera's live supervision figures, as the console and the API show them.</summary>
public sealed record CameraStatus(
    Guid CameraId,
    string State,
    double FramesPerSecond,
    double BitrateKbps,
    double KeyframeIntervalSeconds,
    int Reconnects,
    double? LastFrameAgeSeconds,
    string? LastProblem,
    StreamDamage Damage)
{
    public static CameraStatus Unknown(Guid camera) => new(camera, "unknown", 0, 0, 0, 0, null, null, StreamDamage.None);

    public static string StateName(CameraState state) => state switch
    {
        CameraState.Connecting => "connecting",
        CameraState.Streaming => "streaming",
        CameraState.Degraded => "degraded",
        CameraState.Misconfigured => "misconfigured",
        _ => "offline",
    };
}
