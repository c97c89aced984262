using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Vigie.Bench.Playback;

/// <summary>
/// The product as it runs: `vigie serve --data ARCHIVE` (this repository's Release build, its own process)
/// on the archive's data folder, listening on loopback. Ready once healthy and once the recorder has
/// reconciled the recordings folder with the index (43,200 files stat'ed at start); stopped with SIGTERM.
/// Standard output and error are always drained into a log file next to the archive.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource _reconciled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public static async Task<HostProcess> StartAsync(PlaybackBenchOptions options, string logPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.VigieDll))
        {
            throw new InvalidOperationException($"{options.VigieDll} not found: build it first (dotnet build src/Vigie.Server -c Release) or pass --vigie.");
        }

        await EnsurePortFreeAsync(options.HttpPort, cancellationToken).ConfigureAwait(false);
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.HttpPort}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [options.VigieDll, "serve", "--data", options.ArchiveFolder, "--urls", url];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        log.WriteLine($"$ dotnet {string.Join(' ', arguments)}");
        Console.WriteLine($"$ dotnet {string.Join(' ', arguments)}");
        var process = new Process { StartInfo = info };
        var host = new HostProcess(process, log, new Uri(url));
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start dotnet");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Signs in as the archive's administrator; returns the session cookie as a Cookie header.</summary>
    public async Task<string> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/session", new { userName, password }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"sign-in as {userName} answered {(int)response.StatusCode}");
        }

        return cookies.GetCookieHeader(BaseAddress);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }

        if (line.Contains("Recordings reconciled", StringComparison.Ordinal))
        {
            _reconciled.TrySetResult();
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"vigie serve exited with {_process.ExitCode}; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && _reconciled.Task.IsCompleted)
                {
                    Console.WriteLine($"host ready in {clock.Elapsed.TotalSeconds:0.0} s (healthy, recordings reconciled)");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow answer while starting.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new InvalidOperationException("vigie serve was not ready within 3 minutes; see its log.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EnsurePortFreeAsync(int port, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return;
        }

        throw new InvalidOperationException($"port {port} is in use: pass another --http-port.");
    }

    /// <summary>SIGTERM (the host completes what it started), then kill after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
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
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }
}
