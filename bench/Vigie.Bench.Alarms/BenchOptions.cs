using System.Globalization;

namespace Vigie.Bench.Alarms;

/// <summary>The command line: a mode, then <c>--name value</c> pairs (see bench/README.md).</summary>
public sealed record BenchOptions
{
    public string Mode { get; init; } = "throughput";

    /// <summary>Null: SQLite in the data folder; otherwise a postgres:// URL of a role that may CREATE DATABASE (a new one per run).</summary>
    public string? Database { get; init; }

    public int Connections { get; init; } = 100;

    /// <summary>Accounts sent over each connection (a receiver's transmitter forwards many panels on one line).</summary>
    public int AccountsPerConnection { get; init; } = 10;

    /// <summary>Frames a connection may have sent and not yet had answered.</summary>
    public int Window { get; init; } = 16;

    /// <summary>Closed loop: one send per frame, as the load generator did before (compare host figures with earlier runs).</summary>
    public bool PerFrameSends { get; init; }

    /// <summary>Events per second offered over all connections; 0 sends as fast as the window allows (closed loop).</summary>
    public int Rate { get; init; }

    /// <summary>Before the window: on 2 busy cores the host's tiered JIT compiles for 30–60 s after start.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Runs { get; init; } = 3;

    /// <summary>Flood mode: the flooding connection's window.</summary>
    public int FloodWindow { get; init; } = 1000;

    /// <summary>Flood mode: events per second of each normal connection.</summary>
    public int NormalRate { get; init; } = 10;

    public string VigieDll { get; init; } = DefaultVigieDll();

    public int HttpPort { get; init; } = 18090;

    public int Dc09Port { get; init; } = 19009;

    public bool Quick { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            options = options with { Mode = args[0] };
            i = 1;
        }

        for (; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with { Quick = true };
                continue;
            }

            if (name == "--per-frame-sends")
            {
                options = options with { PerFrameSends = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            var value = args[++i];
            options = name switch
            {
                "--db" => options with { Database = value },
                "--connections" => options with { Connections = Int(value) },
                "--accounts-per-connection" => options with { AccountsPerConnection = Int(value) },
                "--window" => options with { Window = Int(value) },
                "--rate" => options with { Rate = Int(value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int(value)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Int(value)) },
                "--runs" => options with { Runs = Int(value) },
                "--flood-window" => options with { FloodWindow = Int(value) },
                "--normal-rate" => options with { NormalRate = Int(value) },
                "--vigie" => options with { VigieDll = Path.GetFullPath(value) },
                "--http-port" => options with { HttpPort = Int(value) },
                "--dc09-port" => options with { Dc09Port = Int(value) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

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
