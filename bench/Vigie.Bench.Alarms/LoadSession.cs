using System.Diagnostics;
using System.Globalization;

namespace Vigie.Bench.Alarms;

/// <summary>One host, its lines, and the measurement windows: the common part of the throughput and flood modes.</summary>
public sealed class LoadSession
{
    private readonly List<(PanelLine Line, Task Run)> _running = [];
    private readonly CancellationTokenSource _stopSending = new();

    public Phase Phase { get; } = new();

    public List<PanelLine> Lines { get; } = [];

    /// <summary>Account names for line <paramref name="line"/>: 6 hex digits, unique across the run.</summary>
    public static IReadOnlyList<string> AccountsOf(int line, int count) =>
        Enumerable.Range(0, count).Select(k => (0x100000 + (line * 64) + k).ToString("X", CultureInfo.InvariantCulture)).ToArray();

    public void Start(PanelLine line, int port)
    {
        ArgumentNullException.ThrowIfNull(line);
        Lines.Add(line);
        _running.Add((line, Task.Run(() => line.RunAsync(port, _stopSending.Token))));
    }

    /// <summary>Opens measurement window <paramref name="phase"/> for <paramref name="length"/> and returns its real length and the host CPU used meanwhile.</summary>
    public async Task<(TimeSpan Elapsed, TimeSpan HostCpu)> MeasureAsync(int phase, TimeSpan length, HostUnderTest host, CancellationToken cancellationToken)
    {
        var (elapsed, hostCpu, _) = await MeasureWithLoadAsync(phase, length, host, cancellationToken).ConfigureAwait(false);
        return (elapsed, hostCpu);
    }

    /// <summary>As <see cref="MeasureAsync"/>, with the CPU the load generator (this process) used in the window too.</summary>
    public async Task<(TimeSpan Elapsed, TimeSpan HostCpu, TimeSpan LoadCpu)> MeasureWithLoadAsync(int phase, TimeSpan length, HostUnderTest host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var cpu = host.CpuTime;
        var own = HostUnderTest.ProcessCpuTime(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        Phase.Set(phase);
        await Task.Delay(length, cancellationToken).ConfigureAwait(false);
        Phase.Set(Phase.None);
        return (clock.Elapsed, host.CpuTime - cpu, HostUnderTest.ProcessCpuTime(Environment.ProcessId) - own);
    }

    /// <summary>Stops every line's sending and waits until each has its answers (or gave up on them).</summary>
    public async Task StopAsync()
    {
        await _stopSending.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running.Select(r => r.Run)).ConfigureAwait(false);
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
