using System.Collections.Concurrent;
using Vigie.Domain;
using Vigie.Media.Cameras;
using Vigie.Media.Ingest;

namespace Vigie.Server.Tests.Equipment;

/// <summary>
/// Cameras whose supervision state the test sets (streaming, offline), standing in for the recorders so that the
/// equipment supervision's hold-off, mutes and alarms run on the fake clock, step by step. What the recorders
/// themselves report for a camera that stops is checked against the simulator in <see cref="CameraOutageTests"/>.
/// </summary>
internal sealed class SwitchableCameras : ICameraRecorders
{
    private readonly ConcurrentDictionary<CameraId, bool> _up = new();

    public IReadOnlyCollection<CameraRecorder> All => [];

    public void Set(CameraId camera, bool up) => _up[camera] = up;

    public CameraRecorder? RecorderOf(CameraId camera) => null;

    public CameraStatus StatusOf(CameraId camera) => _up.TryGetValue(camera, out var up)
        ? up
            ? new CameraStatus(camera.Value, "streaming", 10, 1000, 1, 0, 0.1, null, StreamDamage.None)
            : new CameraStatus(camera.Value, "offline", 0, 0, 0, 3, 12, "connection refused", StreamDamage.None)
        : CameraStatus.Unknown(camera.Value);
}
