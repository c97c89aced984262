using System.Collections.Concurrent;
using Vigie.Domain;
using Vigie.Media.Cameras;

namespace Vigie.Bench.Equipment;

/// <summary>
/// A thousand cameras' supervision figures as their recorders would report them, without a thousand RTSP sessions
/// (the recorders themselves are benchmarked in Vigie.Bench.Recording): streaming with figures that move a little,
/// or offline when the benchmark says so.
/// </summary>
internal sealed class BenchCameras : ICameraRecorders
{
    private readonly ConcurrentDictionary<CameraId, bool> _down = new();

    public IReadOnlyCollection<CameraRecorder> All => [];

    public void SetDown(CameraId camera, bool down) => _down[camera] = down;

    public CameraRecorder? RecorderOf(CameraId camera) => null;

    public CameraStatus StatusOf(CameraId camera) => _down.TryGetValue(camera, out var down) && down
        ? new CameraStatus(camera.Value, "offline", 0, 0, 0, 1, 11, "connection refused", StreamDamage.None)
        : new CameraStatus(camera.Value, "streaming", 12 + (camera.Value.GetHashCode() & 3), 2000 + (camera.Value.GetHashCode() & 255), 1, 0, 0.05, null, StreamDamage.None);
}
