using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Vigie.Server.Tests.Cli;

/// <summary>The `serve` and `demo` verbs as the checks run them: a real process on a fresh data folder.</summary>
public sealed partial class ServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Serve_verb_on_a_fresh_folder_prints_the_setup_link_and_answers_401_without_a_session()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        var port = Vigie.Testing.DemoProcess.FreePort();

        await RunUntilSetupLinkAsync(["serve", "--data", folder, "--urls", $"http://127.0.0.1:{port}"], port, async (client, link) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
            Assert.Contains("# TYPE", await client.GetStringAsync("/metrics", Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cameras", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/logbook", Ct)).StatusCode);
        });

        Assert.True(File.Exists(Path.Combine(folder, "vigie.db")), "serve did not create its SQLite file in the data folder");
        // Password hashes, secrets and keys: the installation's user's alone.
        Assert.Equal(Vigie.Server.Hosting.DataFolderRights.Private, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "vigie.db")));
        Assert.Equal(Vigie.Server.Hosting.DataFolderRights.Private, File.GetUnixFileMode(Path.Combine(folder, "keys")));
        Assert.All(Directory.GetFiles(Path.Combine(folder, "keys")), key => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key)));
        var verify = await Vigie.Testing.VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("main courante 0", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_verb_prints_the_setup_link_and_serves_health_on_the_given_address()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        // Ports of its own, DC-09 included: a demo already running on this machine holds the defaults.
        var ports = Vigie.Testing.DemoProcess.FreePorts();
        var port = ports.Web;

        await RunUntilSetupLinkAsync(["demo", "--data", folder, "--urls", $"http://127.0.0.1:{port}",
            "--camsim-port", ports.Camsim.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dc09-port", ports.Dc09.ToString(System.Globalization.CultureInfo.InvariantCulture)], port, async (client, link) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cameras", Ct)).StatusCode);
        });

        var verify = await Vigie.Testing.VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("main courante 3", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Serve_warns_when_the_data_folder_is_open_to_other_users()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Set, not created with: the test process's own file-creation mask may be Vigie's (077) already.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = Vigie.Testing.DemoProcess.FreePort();

        var output = await RunUntilSetupLinkAsync(["serve", "--data", folder, "--urls", $"http://127.0.0.1:{port}"], port, (_, _) => Task.CompletedTask);

        Assert.Contains($"vigie: warning: {folder} is open to other users of this machine (mode 0755); run: chmod 700 {folder}", output, StringComparison.Ordinal);
        // What it creates inside is private all the same; the folder is left as the administrator made it.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "vigie.db")));
        Assert.Equal(UnixFileMode.GroupRead, File.GetUnixFileMode(folder) & UnixFileMode.GroupRead);
    }

    /// <summary>Starts vigie.dll with <paramref name="args"/>, waits for the setup link on standard output, runs the checks, then kills it.</summary>
    private static async Task<string> RunUntilSetupLinkAsync(string[] args, int port, Func<HttpClient, string, Task> checks)
    {
        var output = new System.Text.StringBuilder();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigie.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            string? link = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (link is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                var match = SetupLink().Match(line);
                link = match.Success ? match.Value : null;
            }

            // No link: the output ended, so the process did (its standard error says why).
            if (link is null)
            {
                Assert.Fail($"vigie exited without a setup link: {await errors}");
            }

            Assert.StartsWith($"http://127.0.0.1:{port}/setup?token=", link, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await checks(client, link);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }

        // Standard error too: start-up warnings are written there.
        return output.Append(await errors).ToString();
    }

    [GeneratedRegex(@"http://\S+/setup\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SetupLink();
}
