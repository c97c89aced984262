using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Sites;
using Vigie.Storage.Database;

namespace Vigie.Bench.Alarms;

/// <summary>
/// The product as it runs: `vigie serve --dc09-port` (its own process) on a fresh data folder and a fresh
/// database — SQLite in the folder, or a new PostgreSQL database created for the run and dropped after —
/// migrated and seeded through Vigie.Storage with one site and the benchmark's accounts before the host
/// starts, so that the host takes every frame as a declared panel's.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string _folder;
    private readonly NpgsqlConnectionStringBuilder? _maintenance;
    private readonly string? _postgresDatabase;

    private HostUnderTest(Process? process, string folder, VigieDbFactory factory, NpgsqlConnectionStringBuilder? maintenance, string? postgresDatabase)
    {
        _process = process;
        _folder = folder;
        Factory = factory;
        _maintenance = maintenance;
        _postgresDatabase = postgresDatabase;
    }

    public VigieDbFactory Factory { get; }

    /// <summary>The host's Prometheus endpoint.</summary>
    public Uri Metrics { get; private init; } = new("http://127.0.0.1/metrics");

    public string Description => Factory.Settings.Description;

    /// <summary>User + system CPU time of the host process so far (from /proc).</summary>
    public TimeSpan CpuTime => ProcessCpuTime(_process?.Id ?? Environment.ProcessId);

    /// <summary>User + system CPU time of process <paramref name="pid"/> so far (from /proc).</summary>
    public static TimeSpan ProcessCpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <param name="startHost">False: only the database (the <c>store</c> mode measures storage alone).</param>
    public static async Task<HostUnderTest> StartAsync(BenchOptions options, IReadOnlyList<string> accounts, CancellationToken cancellationToken, bool startHost = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(accounts);
        var folder = Path.Combine(Path.GetTempPath(), "vigie-bench-alarms", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        DatabaseSettings settings;
        NpgsqlConnectionStringBuilder? maintenance = null;
        string? database = null;
        string? dbArgument = null;
        if (options.Database is null)
        {
            settings = DatabaseSettings.SqliteInFolder(folder);
        }
        else
        {
            maintenance = new NpgsqlConnectionStringBuilder(DatabaseSettings.Parse(options.Database, folder).ConnectionString);
            database = string.Create(CultureInfo.InvariantCulture, $"vigie_bench_alarms_{Guid.NewGuid():N}")[..40];
            await ExecuteAsync(maintenance.ConnectionString, $"CREATE DATABASE \"{database}\"", cancellationToken).ConfigureAwait(false);
            var target = new NpgsqlConnectionStringBuilder(maintenance.ConnectionString) { Database = database };
            settings = new DatabaseSettings(DatabaseProvider.Postgres, target.ConnectionString, $"PostgreSQL {target.Host}:{target.Port}/{database}");
            dbArgument = target.ConnectionString;
        }

        var factory = new VigieDbFactory(settings);
        await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
        await SeedAsync(factory, accounts, cancellationToken).ConfigureAwait(false);
        if (!startHost)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "host.log"), "no host: storage only\n", cancellationToken).ConfigureAwait(false);
            return new HostUnderTest(null, folder, factory, maintenance, database);
        }

        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { options.VigieDll, "serve", "--data", folder, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.HttpPort}"), "--dc09-port", options.Dc09Port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        if (dbArgument is not null)
        {
            // Through the environment, so the password never shows in the process list.
            info.Environment["VIGIE_DB"] = dbArgument;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var log = new StreamWriter(Path.Combine(folder, "host.log")) { AutoFlush = true };
        _ = PumpAsync(process.StandardOutput, log);
        _ = PumpAsync(process.StandardError, log);
        var host = new HostUnderTest(process, folder, factory, maintenance, database)
        {
            Metrics = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.HttpPort}/metrics")),
        };
        await host.WaitForPortAsync(options.Dc09Port, cancellationToken).ConfigureAwait(false);
        return host;
    }

    private static async Task PumpAsync(StreamReader reader, StreamWriter log)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static async Task SeedAsync(VigieDbFactory factory, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var site = new Site(SiteId.New(), "Banc d'essai réception d'alarmes", "Vigie.Bench.Alarms", "127.0.0.1");
        db.Sites.Add(site);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var account in accounts)
        {
            db.TransmitterAccounts.Add(new TransmitterAccount(account, site.Id, null, null, now));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"vigie serve exited with {_process.ExitCode}; see {_folder}/host.log");
            }

            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the host gently (SIGTERM: it finishes what it started), then removes the data folder and database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await kill!.WaitForExitAsync().ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (_maintenance is not null)
        {
            await ExecuteAsync(_maintenance.ConnectionString, $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The host's log outlives its data folder, for a look after the run.
        File.Copy(Path.Combine(_folder, "host.log"), Path.Combine(Path.GetDirectoryName(_folder)!, "last-host.log"), overwrite: true);
        Directory.Delete(_folder, recursive: true);
    }
}
