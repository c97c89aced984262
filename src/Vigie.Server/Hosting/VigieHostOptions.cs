namespace Vigie.Server.Hosting;

/// <summary>How a Vigie host is started: from the command line (`serve`, `demo`) or by tests.</summary>
public sealed record VigieHostOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Folder holding the SQLite database, keys and (later) recordings.</summary>
    public required string DataFolder { get; init; }

    public string Urls { get; init; } = DefaultUrls;

    /// <summary>`--db` value: null for SQLite in the data folder, else a postgres:// URL.</summary>
    public string? Database { get; init; }

    /// <summary>Seed the demo site at start (the `demo` verb).</summary>
    public bool SeedDemo { get; init; }

    /// <summary>Where the setup link is printed; standard output by default.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Record every camera continuously (off in most tests, which have no cameras to reach).</summary>
    public bool Record { get; init; } = true;

    /// <summary>Length of recording segments; each is cut at the next keyframe after this.</summary>
    public TimeSpan SegmentDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Silence after which a camera raises "perte vidéo".</summary>
    public TimeSpan VideoLossDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Run the camera simulator in-process on this port (the demo); null: no simulator.</summary>
    public int? SimulatorPort { get; init; }

    /// <summary>Listen for SIA DC-09 on this port, TCP and UDP (the demo: 9009); null: no receiver. 0 picks a free port (tests).</summary>
    public int? Dc09Port { get; init; }

    /// <summary>Address the DC-09 receiver listens on; loopback by default, 0.0.0.0 to take panels from the network.</summary>
    public string Dc09Address { get; init; } = "127.0.0.1";

    public string RecordingsFolder => Path.Combine(DataFolder, "recordings");

    /// <summary>High-water mark: under this much free space, the oldest segments are purged first.</summary>
    public long MinimumFreeBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Configuration entries added after appsettings.json, DATA/appsettings.json and the environment (keys as in
    /// those, e.g. <c>Alarms:Priorities:intrusion</c>); tests set them here instead of in the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Clock used by the domain; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = SystemClocks.Wall;
}
