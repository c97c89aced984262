namespace Vigie.Media.Cameras;

/// <summary>
/// Where the engines write their technical events (video loss and return, a camera that cannot be tried, a
/// disk short of space). Media never references storage: the host wires this to the main courante. A write
/// that fails throws; callers decide whether that stops them (the camera recorder logs it and records on).
/// </summary>
public interface ICameraEvents
{
    Task WriteAsync(CameraEvent cameraEvent, CancellationToken cancellationToken);
}
