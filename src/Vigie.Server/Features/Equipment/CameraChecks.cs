using System.Globalization;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Equipment;
using Vigie.Media.Cameras;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// A camera's and its recording's health from what the recorder measures: stream state against the video-loss
/// delay, fps, bitrate and keyframe interval against the camera's configured profile; segments written, write
/// errors and index lag. The recording checks remember the last counters of each camera (one supervision loop owns them).
/// </summary>
public sealed class CameraChecks(TimeSpan segmentDuration)
{
    /// <summary>With frames arriving, no frame written for this long: the recording is stalled.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(30);

    /// <summary>A write error is a fault for this long after it (then, with no new one, the recording is ok again).</summary>
    public static readonly TimeSpan WriteErrorHold = TimeSpan.FromMinutes(1);

    private readonly Dictionary<CameraId, Counters> _counters = [];

    private sealed class Counters
    {
        public long Frames;
        public DateTimeOffset FramesChangedAt;
        public int WriteErrors;
        public DateTimeOffset? LastWriteErrorAt;
        public int Segments;
        public readonly Queue<(DateTimeOffset At, int Segments)> Minute = new();
    }

    public DeviceReading Camera(EquipmentInventory.CameraEntry camera, CameraStatus status, IReadOnlyDictionary<string, (string French, string English)>? tamper = null)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(status);
        var findings = new List<EquipmentFinding>();
        foreach (var (code, (french, english)) in tamper ?? new Dictionary<string, (string, string)>())
        {
            // Raised by the analytics as a tamper alarm already: shown as the camera's state, not raised twice.
            findings.Add(new EquipmentFinding($"camera.{code}", EquipmentState.Degraded, $"sabotage : {french}", $"tamper: {english}", Alarms: false));
        }

        var streaming = status.State is "streaming" or "degraded";
        switch (status.State)
        {
            case "offline":
                var age = status.LastFrameAgeSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"depuis {s:0} s") : "depuis son démarrage";
                var ageEn = status.LastFrameAgeSeconds is { } s2 ? string.Create(CultureInfo.InvariantCulture, $"for {s2:0} s") : "since it started";
                findings.Add(EquipmentFinding.Fault("camera.offline", $"hors ligne : aucune image {age}{Why(status)}", $"offline: no picture {ageEn}{Why(status)}"));
                break;
            case "misconfigured":
                findings.Add(EquipmentFinding.Fault("camera.misconfigured", $"configuration invalide{Why(status)}", $"invalid configuration{Why(status)}"));
                break;
            case "degraded":
                findings.Add(EquipmentFinding.Degraded("camera.stream", $"flux dégradé{Why(status)}", $"degraded stream{Why(status)}"));
                break;
        }

        if (streaming)
        {
            Profile(camera.Profile, status, findings);
        }

        return new DeviceReading(DeviceKeys.Camera(camera.Id), EquipmentKind.Camera, camera.Name, camera.SiteId, findings, Summary(status))
        {
            SummaryEnglish = SummaryEnglish(status),
            Fps = streaming ? status.FramesPerSecond : 0,
            BitrateKbps = streaming ? status.BitrateKbps : 0,
            KeyframeInterval = streaming ? status.KeyframeIntervalSeconds : null,
            Figures = new Dictionary<string, double>
            {
                ["reconnects"] = status.Reconnects,
                ["lostPackets"] = status.Damage.LostPackets,
                ["droppedFrames"] = status.Damage.DroppedFrames,
            },
        };
    }

    public DeviceReading Recorder(EquipmentInventory.CameraEntry camera, CameraStatus status, RecordingFigures? figures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(status);
        var key = DeviceKeys.Recorder(camera.Id);
        var name = $"Enregistrement {camera.Name}";
        if (figures is not { } f)
        {
            return new DeviceReading(key, EquipmentKind.Recorder, name, camera.SiteId, [], "non démarré") { SummaryEnglish = "not started" };
        }

        if (!_counters.TryGetValue(camera.Id, out var c))
        {
            c = new Counters { Frames = f.FramesWritten, FramesChangedAt = now, WriteErrors = f.WriteErrors, Segments = f.SegmentsCompleted };
            _counters[camera.Id] = c;
        }

        if (f.FramesWritten != c.Frames)
        {
            c.Frames = f.FramesWritten;
            c.FramesChangedAt = now;
        }

        if (f.WriteErrors != c.WriteErrors)
        {
            c.WriteErrors = f.WriteErrors;
            c.LastWriteErrorAt = now;
        }

        c.Minute.Enqueue((now, f.SegmentsCompleted));
        while (c.Minute.Count > 1 && now - c.Minute.Peek().At > TimeSpan.FromMinutes(1))
        {
            c.Minute.Dequeue();
        }

        var perMinute = f.SegmentsCompleted - c.Minute.Peek().Segments;
        var findings = new List<EquipmentFinding>();
        if (c.LastWriteErrorAt is { } errorAt && now - errorAt < WriteErrorHold)
        {
            findings.Add(EquipmentFinding.Fault("recorder.write", $"erreurs d'écriture ({f.WriteErrors} depuis le démarrage) : {f.LastWriteError}",
                $"write errors ({f.WriteErrors} since start): {f.LastWriteError}"));
        }

        var streaming = status.State is "streaming" or "degraded";
        if (streaming && now - c.FramesChangedAt > StalledAfter)
        {
            var idle = (now - c.FramesChangedAt).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            findings.Add(EquipmentFinding.Fault("recorder.stalled", $"images reçues mais rien d'enregistré depuis {idle} s", $"pictures received but nothing recorded for {idle} s"));
        }

        if (f.OldestUnindexedStart is { } oldest && now - oldest > (2 * segmentDuration) + TimeSpan.FromMinutes(1))
        {
            var lag = (now - oldest - segmentDuration).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            findings.Add(EquipmentFinding.Degraded("recorder.index", $"index en retard de {lag} s", $"index {lag} s behind"));
        }

        var summary = streaming ? $"{perMinute} segment(s) par minute, {f.FramesWritten} images enregistrées" : "en attente du flux";
        return new DeviceReading(key, EquipmentKind.Recorder, name, camera.SiteId, findings, summary)
        {
            SummaryEnglish = streaming ? $"{perMinute} segment(s) a minute, {f.FramesWritten} frames recorded" : "waiting for the stream",
            Figures = new Dictionary<string, double> { ["segmentsPerMinute"] = perMinute, ["writeErrors"] = f.WriteErrors, ["framesWritten"] = f.FramesWritten },
        };
    }

    /// <summary>Forgets the cameras no longer configured.</summary>
    public void Keep(IReadOnlySet<CameraId> cameras)
    {
        foreach (var gone in _counters.Keys.Where(id => !cameras.Contains(id)).ToList())
        {
            _counters.Remove(gone);
        }
    }

    private static void Profile(CameraProfile profile, CameraStatus status, List<EquipmentFinding> findings)
    {
        var inv = CultureInfo.InvariantCulture;
        if (profile.ExpectedFps is { } fps && status.FramesPerSecond > 0 && status.FramesPerSecond < fps * CameraProfile.FpsTolerance)
        {
            findings.Add(EquipmentFinding.Degraded("camera.fps", string.Create(inv, $"{status.FramesPerSecond:0.#} images/s au lieu de {fps:0.#}"),
                string.Create(inv, $"{status.FramesPerSecond:0.#} fps instead of {fps:0.#}")));
        }

        if (profile.ExpectedBitrateKbps is { } kbps && status.BitrateKbps > 0
            && (status.BitrateKbps < kbps * CameraProfile.BitrateLow || status.BitrateKbps > kbps * CameraProfile.BitrateHigh))
        {
            findings.Add(EquipmentFinding.Degraded("camera.bitrate", string.Create(inv, $"débit {status.BitrateKbps:0} kbit/s au lieu de {kbps} attendus"),
                string.Create(inv, $"bitrate {status.BitrateKbps:0} kbit/s instead of the {kbps} expected")));
        }

        if (profile.MaxKeyframeInterval is { } gop && status.KeyframeIntervalSeconds > gop + 0.5)
        {
            findings.Add(EquipmentFinding.Degraded("camera.keyframes", string.Create(inv, $"une image clé toutes les {status.KeyframeIntervalSeconds:0.#} s (au plus {gop:0.#} s attendu)"),
                string.Create(inv, $"a keyframe every {status.KeyframeIntervalSeconds:0.#} s (at most {gop:0.#} s expected)")));
        }
    }

    private static string Why(CameraStatus status) => status.LastProblem is { Length: > 0 } problem ? $" ({problem})" : string.Empty;

    private static string Summary(CameraStatus status) => status.State switch
    {
        "streaming" or "degraded" => string.Create(CultureInfo.InvariantCulture, $"{status.FramesPerSecond:0.#} images/s, {status.BitrateKbps:0} kbit/s, image clé toutes les {status.KeyframeIntervalSeconds:0.#} s"),
        "connecting" => "connexion en cours",
        "unknown" => "pas encore supervisée",
        _ => status.State,
    };

    private static string SummaryEnglish(CameraStatus status) => status.State switch
    {
        "streaming" or "degraded" => string.Create(CultureInfo.InvariantCulture, $"{status.FramesPerSecond:0.#} fps, {status.BitrateKbps:0} kbit/s, a keyframe every {status.KeyframeIntervalSeconds:0.#} s"),
        "connecting" => "connecting",
        "unknown" => "not supervised yet",
        _ => status.State,
    };
}
