using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Vigie.Bench.Recording;

/// <summary>
/// `vigie camsim --control` in its own process: serves /cam1 … /camN; `end` closes every session cleanly
/// and reports what each was served, `resume` accepts sessions again.
/// </summary>
public sealed partial class CamsimProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private CamsimProcess(int cameras, int port, string vigieDll, string source, string logPath)
    {
        Cameras = cameras;
        Port = port;
        _process = ChildProcess.Start("dotnet",
            [vigieDll, "camsim", "--cameras", cameras.ToString(CultureInfo.InvariantCulture), "--port", port.ToString(CultureInfo.InvariantCulture), "--source", source, "--control"],
            logPath, line => _lines.Writer.TryWrite(line), redirectInput: true);
    }

    public int Cameras { get; }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string UrlOf(int camera) => string.Create(CultureInfo.InvariantCulture, $"rtsp://127.0.0.1:{Port}/cam{camera}");

    public static async Task<CamsimProcess> StartAsync(int cameras, int port, string vigieDll, string source, string logPath)
    {
        await PortCheck.EnsureFreeAsync(port, "simulator").ConfigureAwait(false);
        var simulator = new CamsimProcess(cameras, port, vigieDll, source, logPath);
        await simulator.ExpectAsync(l => l.StartsWith("Serving ", StringComparison.Ordinal), TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>Ends every session (queued frames are sent, then the stream ends) and returns what each camera was served.</summary>
    public async Task<IReadOnlyList<ServedCount>> EndSessionsAsync()
    {
        await _process.WriteLineAsync("end").ConfigureAwait(false);
        var served = new List<ServedCount>();
        while (true)
        {
            var line = await ExpectAsync(l => l.StartsWith("served ", StringComparison.Ordinal) || l.StartsWith("ended ", StringComparison.Ordinal), TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            if (line.StartsWith("ended ", StringComparison.Ordinal))
            {
                return served;
            }

            var match = ServedLine().Match(line);
            if (match.Success)
            {
                served.Add(new ServedCount(int.Parse(match.Groups["cam"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["offered"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["sent"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["skipped"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    public async Task ResumeAsync()
    {
        await _process.WriteLineAsync("resume").ConfigureAwait(false);
        await ExpectAsync(l => l == "resumed", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    private async Task<string> ExpectAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"The simulator did not answer within {timeout.TotalSeconds:F0} s (exited: {_process.HasExited}); see its log.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.CloseInput();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }

        await _process.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"^served cam(?<cam>\d+) \S+ offered=(?<offered>\d+) sent=(?<sent>\d+) skipped=(?<skipped>\d+)$")]
    private static partial Regex ServedLine();
}
