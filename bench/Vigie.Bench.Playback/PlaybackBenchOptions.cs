using System.Globalization;

namespace Vigie.Bench.Playback;

/// <summary>Command-line options of the playback seek benchmark (see bench/README.md).</summary>
public sealed record PlaybackBenchOptions
{
    /// <summary>The archive's data folder (database + recordings), kept between runs and built only when missing.</summary>
    public string ArchiveFolder { get; init; } = Path.Combine(Path.GetTempPath(), "vigie-bench-playback", "archive");

    /// <summary>Days of one-minute segments in the archive.</summary>
    public int Days { get; init; } = 30;

    /// <summary>Seeks per warm measurement (new socket, and in one session).</summary>
    public int Seeks { get; init; } = 200;

    /// <summary>Seeks per cold measurement (page cache dropped before each one; needs root).</summary>
    public int ColdSeeks { get; init; } = 30;

    /// <summary>Repetitions of every measurement; the table gives the median of the runs.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Seed of the random instants (run r uses seed + r).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Video bit rate of the source minute, kbit/s (16 keeps 30 days near 5.5 GB).</summary>
    public int BitrateKbps { get; init; } = 16;

    public string VigieDll { get; init; } = DefaultVigieDll();

    public int HttpPort { get; init; } = 18095;

    /// <summary>
    /// Pause after closing a new-socket seek's socket, so the next one is not measured against the end of
    /// the last (the server writes its end-of-playback audit entry, a durable append, after the close).
    /// </summary>
    public int PauseMs { get; init; } = 100;

    /// <summary>Only build (or check) the archive, measure nothing.</summary>
    public bool BuildOnly { get; init; }

    public static PlaybackBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new PlaybackBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--build-only")
            {
                options = options with { BuildOnly = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"option {name} needs a value");
            }

            var value = args[++i];
            options = name switch
            {
                "--archive" => options with { ArchiveFolder = Path.GetFullPath(value) },
                "--days" => options with { Days = Int(value) },
                "--seeks" => options with { Seeks = Int(value) },
                "--cold-seeks" => options with { ColdSeeks = Int(value) },
                "--runs" => options with { Runs = Int(value) },
                "--seed" => options with { Seed = Int(value) },
                "--bitrate" => options with { BitrateKbps = Int(value) },
                "--vigie" => options with { VigieDll = Path.GetFullPath(value) },
                "--http-port" => options with { HttpPort = Int(value) },
                "--pause-ms" => options with { PauseMs = Int(value) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>This repository's Release build of the host, found from the bench's own output folder.</summary>
    private static string DefaultVigieDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vigie.slnx")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? "vigie.dll"
            : Path.Combine(directory.FullName, "src", "Vigie.Server", "bin", "Release", "net10.0", "vigie.dll");
    }
}
