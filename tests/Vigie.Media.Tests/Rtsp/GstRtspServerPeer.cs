using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>
/// Runs GStreamer's RTSP server (Peers/gst-rtsp-server.py under Debian's /usr/bin/python3, the one
/// that can import gi) on a free loopback port; waits for its READY line; kills it on dispose. Its
/// event lines (TEARDOWN, GET_PARAMETER...) are collected for assertions.
/// </summary>
public sealed class GstRtspServerPeer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GstRtspServerPeer(Process process, int port, string path)
    {
        _process = process;
        Port = port;
        Path = path;
    }

    public int Port { get; }

    public string Path { get; }

    public Uri Uri => new($"rtsp://127.0.0.1:{Port}{Path}");

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static async Task<GstRtspServerPeer> StartAsync(string codec = "h264", string? auth = null, string authMethod = "basic", int sessionTimeoutSeconds = 0, int bFrames = 0)
    {
        var port = FreeTcpPort();
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[ScriptPath(), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--path", "/test", "--codec", codec, "--auth-method", authMethod, "--session-timeout", sessionTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bframes", bFrames.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        if (auth is not null)
        {
            start.ArgumentList.Add("--auth");
            start.ArgumentList.Add(auth);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var peer = new GstRtspServerPeer(process, port, "/test");
        process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await peer._ready.Task.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"gst-rtsp-server.py did not become ready: {string.Join(" | ", peer.Lines)}");
        }

        return peer;
    }

    /// <summary>Waits (real time, bounded) until the server printed <paramref name="line"/>.</summary>
    public async Task<bool> WaitForLineAsync(string line, TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            if (Lines.Contains(line))
            {
                return true;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return Lines.Contains(line);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException("gst-rtsp-server.py exited"));
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        if (line == "READY")
        {
            _ready.TrySetResult();
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ScriptPath([CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "Peers", "gst-rtsp-server.py");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        _process.Dispose();
    }
}
