using Vigie.Domain;

namespace Vigie.Media.Cameras;

/// <summary>
/// The cameras being recorded, as the rest of the host sees them: the live wall, playback, snapshots, exports,
/// the status API and the metrics read them through this, never through the service that runs them.
/// </summary>
public interface ICameraRecorders
{
    /// <summary>The recorder of a camera, when it runs: its fan-out feeds live viewers, its growing segment playback.</summary>
    CameraRecorder? RecorderOf(CameraId camera);

    /// <summary>The camera's supervision figures, <c>unknown</c> when it is not recorded (yet).</summary>
    CameraStatus StatusOf(CameraId camera);

    /// <summary>Every running recorder.</summary>
    IReadOnlyCollection<CameraRecorder> All { get; }
}
