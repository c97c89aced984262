using System.Diagnostics;
using Npgsql;

namespace Vigie.Server.Tests.Recording;

/// <summary>
/// A PostgreSQL server of the test's own — Debian's binaries, run as the postgres user from a temporary
/// folder, on a free loopback port, trusting local connections — so that a test may stop and start it
/// without disturbing the shared test server other tests and developers use.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The database the host uses (created at start).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=vigie";

    private string Data => Path.Combine(_folder, "data");

    public static async Task<PrivatePostgres> StartAsync(CancellationToken cancellationToken)
    {
        var version = Directory.GetDirectories("/usr/lib/postgresql").Select(Path.GetFileName).OrderBy(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).Last();
        var folder = Path.Combine(Path.GetTempPath(), "vigie-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await RunAsync("chown", ["postgres:postgres", folder], cancellationToken);
        var server = new PrivatePostgres($"/usr/lib/postgresql/{version}/bin", folder, Vigie.Testing.DemoProcess.FreePort());
        await server.AsPostgresAsync("initdb", ["-D", server.Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], cancellationToken);
        await server.StartServerAsync(cancellationToken);
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand("CREATE DATABASE vigie", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public Task StartServerAsync(CancellationToken cancellationToken) =>
        AsPostgresAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], cancellationToken);

    /// <summary>Stops the server as an administrator would (open sessions are ended) and returns once it is down.</summary>
    public Task StopServerAsync(CancellationToken cancellationToken) =>
        AsPostgresAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsPostgresAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task AsPostgresAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], cancellationToken);

    private static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
