using System.Diagnostics.Metrics;
using Vigie.Media.Cameras;

namespace Vigie.Server.Recording;

/// <summary>Per-camera supervision figures on /metrics (label camera = camera id); the meter comes from the host's <see cref="IMeterFactory"/>, which disposes it.</summary>
public sealed class CameraMetrics
{
    public const string MeterName = Hosting.VigieMetrics.MeterName + ".Cameras";

    public CameraMetrics(ICameraRecorders recorders, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        IEnumerable<Measurement<double>> Each(Func<CameraStatus, double?> value)
        {
            foreach (var recorder in recorders.All)
            {
                var status = recorder.Status;
                if (value(status) is { } v)
                {
                    yield return new Measurement<double>(v, new KeyValuePair<string, object?>("camera", status.CameraId.ToString("N")));
                }
            }
        }

        meter.CreateObservableGauge("vigie.camera.frames_per_second", () => Each(s => s.FramesPerSecond), unit: null, "Frames per second received");
        meter.CreateObservableGauge("vigie.camera.bits_per_second", () => Each(s => s.BitrateKbps * 1000), unit: null, "Video bitrate received");
        meter.CreateObservableGauge("vigie.camera.keyframe_interval", () => Each(s => s.KeyframeIntervalSeconds), "s", "Time between keyframes");
        meter.CreateObservableGauge("vigie.camera.last_frame_age", () => Each(s => s.LastFrameAgeSeconds), "s", "Age of the last frame received");
        meter.CreateObservableGauge("vigie.camera.reconnects", () => Each(s => s.Reconnects), unit: null, "Reconnections since start");
        meter.CreateObservableGauge("vigie.camera.lost_packets", () => Each(s => s.Damage.LostPackets), unit: null, "RTP packets lost since start");
        meter.CreateObservableGauge("vigie.camera.malformed_packets", () => Each(s => s.Damage.MalformedPackets + s.Damage.WrongPayloadTypePackets), unit: null, "Malformed or foreign RTP packets since start");
        meter.CreateObservableGauge("vigie.camera.dropped_frames", () => Each(s => s.Damage.DroppedFrames), unit: null, "Damaged frames dropped since start");
        meter.CreateObservableGauge("vigie.camera.up", () => Each(s => s.State is "streaming" or "degraded" ? 1 : 0), unit: null, "1 while frames arrive");
    }
}
