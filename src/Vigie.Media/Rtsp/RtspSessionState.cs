namespace Vigie.Media.Rtsp;

public enum RtspSessionState
{
    Idle,
    Connecting,
    Playing,
    Stopped,
    Failed,
}
