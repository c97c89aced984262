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
        var ports = DemoProcess.FreePorts();
        var dc09 = ports.Dc09;
        var key = "000102030405060708090A0B0C0D0E0F";

        using (var first = DemoProcess.Start(folder, ports))
        {
            await first.WaitForHealthAsync(Ct);
            var declared = await VigieProcess.RunAsync("accounts", "add", "--data", folder, "--account", "4242", "--site", "Démo — Campus", "--aes-key", key, "--supervision", "90s");
            Assert.True(declared.ExitCode == 0, declared.All);
            Assert.Contains("Account 4242", declared.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(key, declared.All, StringComparison.OrdinalIgnoreCase);

            // An account the host has not loaded yet is still taken (as "compte inconnu"), stored, then acknowledged.
            var ack = await SendAsync(dc09, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 77, null, "1", "9999", "#9999|NBA5]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow())));
            await first.KillAsync(Ct); // SIGKILL right after the ACK
            Assert.Equal((Dc09Frame.Ack, 77), (ack.Type, ack.Sequence));
        }

        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            var signal = await db.AlarmSignals.SingleAsync(s => s.Account == "9999", Ct);
            Assert.Equal(("9999", "BA", "5", true), (signal.Account, signal.Code, signal.Zone, signal.UnknownAccount));
            Assert.Equal(90, (await db.TransmitterAccounts.SingleAsync(a => a.Account == "4242", Ct)).SupervisionInterval!.Value.TotalSeconds);
        }

        using (var second = DemoProcess.Start(folder, ports))
        {
            await second.WaitForHealthAsync(Ct);
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
            await second.KillAsync(Ct);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("demo")]
    public async Task A_dc09_port_already_in_use_stops_the_host_with_exit_code_2_and_says_which_port(string verb)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var web = DemoProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] args = verb == "demo"
            ? [verb, "--data", folder, "--urls", $"http://127.0.0.1:{web}", "--dc09-port", port, "--camsim-port", DemoProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [verb, "--data", folder, "--urls", $"http://127.0.0.1:{web}", "--dc09-port", port];

        var result = await VigieProcess.RunAsync(TimeSpan.FromSeconds(90), args);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains($"vigie: cannot start: the DC-09 port 127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.Contains("--dc09-port", result.Error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static Task<Dc09Frame> SendAsync(int port, byte[] frame, byte[]? key = null) => Dc09TestClient.SendAsync(port, frame, key, Ct);
}
