using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Vigie.Server.Tests.Cli;

public sealed partial class ServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_verb_prints_the_setup_link_and_serves_health_on_the_given_address()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        var port = Vigie.Testing.DemoProcess.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vigie.dll"), "demo", "--data", folder, "--urls", $"http://127.0.0.1:{port}", "--camsim-port", Vigie.Testing.DemoProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            string? link = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (link is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var match = SetupLink().Match(line);
                link = match.Success ? match.Value : null;
            }

            Assert.NotNull(link);
            Assert.StartsWith($"http://127.0.0.1:{port}/setup?token=", link, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cameras", Ct)).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }

        var verify = await Vigie.Testing.VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("main courante 3", verify.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://\S+/setup\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SetupLink();
}
