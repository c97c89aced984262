using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;

namespace Vigie.Server.Hosting;

/// <summary>
/// How a Vigie host is started: from the command line (`serve`, `demo`) or by tests. Checked before anything
/// starts (<see cref="Validate(ValidationContext)"/>): a port out of range, an address that is not one or a URL
/// that cannot be listened on stops the host at start (exit 2) naming the option. The settings of the engines
/// (<c>Recording</c>, <c>Retention</c>) come from configuration; the overrides here win over it.
/// </summary>
public sealed record VigieHostOptions : IValidatableObject
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Folder holding the SQLite database, keys and (later) recordings.</summary>
    public required string DataFolder { get; init; }

    /// <summary>`--urls`: one or more http(s) URLs separated by ';'.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>`--db` value: null for SQLite in the data folder, else a postgres:// URL.</summary>
    public string? Database { get; init; }

    /// <summary>Seed the demo site at start (the `demo` verb).</summary>
    public bool SeedDemo { get; init; }

    /// <summary>Where the setup link is printed; standard output by default.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>How the previous host on this data folder ended (read from its lock file by `serve` and `demo`).</summary>
    public HostPreviousRun PreviousRun { get; init; } = HostPreviousRun.None;

    /// <summary>Record every camera continuously (off in most tests, which have no cameras to reach).</summary>
    public bool Record { get; init; } = true;

    /// <summary>Overrides <c>Recording:SegmentDuration</c> (tests cut short segments); null: the configured one.</summary>
    public TimeSpan? SegmentDuration { get; init; }

    /// <summary>Overrides <c>Recording:VideoLossDelay</c>; null: the configured one.</summary>
    public TimeSpan? VideoLossDelay { get; init; }

    /// <summary>Overrides <c>Retention:MinimumFreeBytes</c>; null: the configured one.</summary>
    public long? MinimumFreeBytes { get; init; }

    /// <summary>Run the camera simulator in-process on this port (the demo); null: no simulator.</summary>
    [Range(1, 65535)]
    public int? SimulatorPort { get; init; }

    /// <summary>Listen for SIA DC-09 on this port, TCP and UDP (the demo: 9009); null: no receiver. 0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int? Dc09Port { get; init; }

    /// <summary>Address the DC-09 receiver listens on; loopback by default, 0.0.0.0 to take panels from the network.</summary>
    public string Dc09Address { get; init; } = "127.0.0.1";

    public string RecordingsFolder => Path.Combine(DataFolder, "recordings");

    /// <summary>
    /// Configuration entries added after appsettings.json, DATA/appsettings.json and the environment (keys as in
    /// those, e.g. <c>Alarms:Priorities:intrusion</c>); tests set them here instead of in the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Clock used by the domain; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = SystemClocks.Wall;

    /// <summary>The overrides above as configuration entries, added last so that they win.</summary>
    public IReadOnlyDictionary<string, string?> Overrides()
    {
        var entries = new Dictionary<string, string?>(Settings);
        if (SegmentDuration is { } segment)
        {
            entries["Recording:SegmentDuration"] = segment.ToString("c", CultureInfo.InvariantCulture);
        }

        if (VideoLossDelay is { } loss)
        {
            entries["Recording:VideoLossDelay"] = loss.ToString("c", CultureInfo.InvariantCulture);
        }

        if (MinimumFreeBytes is { } free)
        {
            entries["Retention:MinimumFreeBytes"] = free.ToString(CultureInfo.InvariantCulture);
        }

        return entries;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            yield return new ValidationResult("--data must name a folder.", [nameof(DataFolder)]);
        }

        if (!IPAddress.TryParse(Dc09Address, out _))
        {
            yield return new ValidationResult($"--dc09-address '{Dc09Address}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for panels on the network).", [nameof(Dc09Address)]);
        }

        var urls = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0 || urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"--urls '{Urls}' must be one or more http:// or https:// URLs separated by ';' (e.g. {DefaultUrls}).", [nameof(Urls)]);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every option that does not make sense.</summary>
    public void EnsureValid()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException("the host options do not make sense: " + string.Join(" ", results.Select(Describe)));
        }
    }

    private static string Describe(ValidationResult result) => result.MemberNames.FirstOrDefault() switch
    {
        nameof(SimulatorPort) => "--camsim-port must be between 1 and 65535.",
        nameof(Dc09Port) => "--dc09-port must be between 0 and 65535.",
        _ => result.ErrorMessage ?? string.Empty,
    };
}
