using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigie.Testing;

/// <summary>
/// The real `vigie demo` as a child process on free ports (web, camera simulator, DC-09), for tests that
/// kill it (SIGKILL), stop it (SIGTERM) and start it again on the same data folder.
/// </summary>
public sealed class DemoProcess : IDisposable
{
    private readonly Process _process;

    private DemoProcess(Process process, string folder, DemoPorts ports)
    {
        _process = process;
        Folder = folder;
        Ports = ports;
    }

    public sealed record DemoPorts(int Web, int Camsim, int Dc09);

    public string Folder { get; }

    public DemoPorts Ports { get; }

    public static DemoPorts FreePorts() => new(FreePort(), FreePort(), FreePort());

    public static DemoProcess Start(string folder, DemoPorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "vigie.dll"), "demo", "--data", folder, "--urls", $"http://127.0.0.1:{ports.Web}",
            "--camsim-port", ports.Camsim.ToString(CultureInfo.InvariantCulture), "--dc09-port", ports.Dc09.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DemoProcess(process, folder, ports);
    }

    /// <summary>Waits until /health answers 200; fails if the process exits first.</summary>
    public async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Ports.Web}"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/health", cancellationToken)).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), cancellationToken);
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            Assert.False(_process.HasExited, $"vigie exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            Assert.True(TimeProvider.System.GetUtcNow() < until, "condition not met in time");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no flush, no clean-up.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill();
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C stops the host.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
