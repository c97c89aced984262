namespace Vigie.Media.Simulator;

public sealed class CameraSimulatorOptions
{
    public int Cameras { get; set; } = 4;

    public int Port { get; set; } = 8554;

    /// <summary>Loopback by default: the simulator is a test peer, not something to expose.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Video files to play (any format ffmpeg reads); cameras cycle through them. Empty: the built-in set.</summary>
    public IReadOnlyList<string> Sources { get; set; } = [];

    /// <summary>Clips already encoded (tests, benchmarks); when set they are played instead of <see cref="Sources"/>, cameras cycling through them.</summary>
    public IReadOnlyList<SimulatorSource> Clips { get; set; } = [];

    /// <summary>Refuse RTP over TCP (461), as some cameras and VLC do, to exercise UDP ingest.</summary>
    public bool UdpOnly { get; set; }

    /// <summary>Serve a live wall-clock camera as /cam2 when no sources are given.</summary>
    public bool LiveClock { get; set; } = true;

    /// <summary>Camera numbers (1-based) that send hostile packets between their frames, to exercise receivers' robustness.</summary>
    public IReadOnlySet<int> Faulty { get; set; } = new HashSet<int>();

    /// <summary>
    /// Keep what every ended session was served until <see cref="CameraSimulator.EndSessionsAsync"/> collects it
    /// (`camsim --control`, for benchmarks that check recordings frame for frame). Off by default: a long-running
    /// simulator would otherwise keep one record per reconnection.
    /// </summary>
    public bool AccountSessions { get; set; }

    public string CacheFolder { get; set; } = Path.Combine(Path.GetTempPath(), "vigie-camsim");
}
