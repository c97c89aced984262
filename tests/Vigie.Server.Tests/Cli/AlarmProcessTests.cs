using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Dc09;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

/// <summary>The real `vigie` program: accounts declared from the shell, and a signal that survives SIGKILL right after its ACK.</summary>
public sealed class AlarmProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signal_acknowledged_just_before_kill_9_is_there_after_restart_and_accounts_are_declared_from_the_shell()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        var (port, dc09, camsim) = (FreePort(), FreePort(), FreePort());
        var key = "000102030405060708090A0B0C0D0E0F";

        using (var first = StartDemo(folder, port, dc09, camsim))
        {
            await WaitForHealthAsync(port, first);
            var declared = await VigieProcess.RunAsync("accounts", "add", "--data", folder, "--account", "4242", "--site", "Démo — Campus", "--aes-key", key, "--supervision", "90s");
            Assert.True(declared.ExitCode == 0, declared.All);
            Assert.Contains("Account 4242", declared.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(key, declared.All, StringComparison.OrdinalIgnoreCase);

            // An account the host has not loaded yet is still taken (as "compte inconnu"), stored, then acknowledged.
            var ack = await SendAsync(dc09, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 77, null, "1", "9999", "#9999|NBA5]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow())));
            first.Kill(); // SIGKILL right after the ACK
            await first.WaitForExitAsync(Ct);
            Assert.Equal((Dc09Frame.Ack, 77), (ack.Type, ack.Sequence));
        }

        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            var signal = await db.AlarmSignals.SingleAsync(s => s.Account == "9999", Ct);
            Assert.Equal(("9999", "BA", "5", true), (signal.Account, signal.Code, signal.Zone, signal.UnknownAccount));
            Assert.Equal(90, (await db.TransmitterAccounts.SingleAsync(a => a.Account == "4242", Ct)).SupervisionInterval!.Value.TotalSeconds);
        }

        using (var second = StartDemo(folder, port, dc09, camsim))
        {
            await WaitForHealthAsync(port, second);
            // The declared account's key is read back by the host from the data folder's protected store.
            var keyBytes = Convert.FromHexString(key);
            var now = TimeProvider.System.GetUtcNow();
            Dc09Frame? ack = null;
            for (var attempt = 0; attempt < 40 && ack?.Type != Dc09Frame.Ack; attempt++)
            {
                ack = await SendAsync(dc09, Dc09FrameWriter.Write(Dc09Frame.Null, 1, null, "1", "4242", "]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow()), keyBytes), keyBytes);
                await Task.Delay(250, Ct);
            }

            Assert.Equal((Dc09Frame.Ack, true), (ack!.Type, ack.Encrypted));
            Assert.True(ack.Timestamp >= now.AddSeconds(-5));
            second.Kill();
            await second.WaitForExitAsync(Ct);
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task<Dc09Frame> SendAsync(int port, byte[] frame, byte[]? key = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync(frame, Ct);
        var answer = new List<byte>();
        var one = new byte[1];
        while (answer.Count == 0 || answer[^1] != Dc09FrameWriter.Cr)
        {
            Assert.Equal(1, await stream.ReadAsync(one, Ct));
            answer.Add(one[0]);
        }

        var parsed = Dc09Parser.Parse(answer.ToArray().AsSpan(1, answer.Count - 2), _ => key);
        Assert.True(parsed.Ok, parsed.Detail);
        return parsed.Frame!;
    }

    private static Process StartDemo(string folder, int port, int dc09, int camsim)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "vigie.dll"), "demo", "--data", folder, "--urls", $"http://127.0.0.1:{port}",
            "--dc09-port", dc09.ToString(CultureInfo.InvariantCulture), "--camsim-port", camsim.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(int port, Process process)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var until = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "vigie exited");
            try
            {
                if ((await client.GetAsync("/health", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !Ct.IsCancellationRequested))
            {
                // Not listening yet.
            }

            Assert.True(TimeProvider.System.GetUtcNow() < until, "vigie did not become healthy");
            await Task.Delay(250, Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
