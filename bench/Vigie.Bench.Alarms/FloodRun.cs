using System.Globalization;

namespace Vigie.Bench.Alarms;

/// <summary>
/// <c>flood</c>: N normal lines (one account each, a few events/s) alone for one window, then with one more
/// line sending as fast as the receiver answers (its window is large); the normal lines' ACK latency in both
/// windows, the flood's rate, and the database checked against every ACK.
/// </summary>
public static class FloodRun
{
    public static async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normals = Math.Max(1, options.Connections);
        var accounts = Enumerable.Range(0, normals + 1).Select(c => LoadSession.AccountsOf(c, 1)).ToArray();
        await using var host = await HostUnderTest.StartAsync(options, accounts.SelectMany(a => a).ToArray(), cancellationToken).ConfigureAwait(false);
        var session = new LoadSession();
        var normalLines = new List<PanelLine>();
        for (var c = 0; c < normals; c++)
        {
            var line = new PanelLine(accounts[c], options.Window, options.NormalRate, session.Phase, 2);
            normalLines.Add(line);
            session.Start(line, options.Dc09Port);
        }

        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        var (quiet, quietCpu) = await session.MeasureAsync(0, options.Duration, host, cancellationToken).ConfigureAwait(false);
        var flood = new PanelLine(accounts[normals], options.FloodWindow, 0, session.Phase, 2);
        session.Start(flood, options.Dc09Port);
        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        var (flooded, floodCpu) = await session.MeasureAsync(1, options.Duration, host, cancellationToken).ConfigureAwait(false);
        var load = LoadSession.LoadAverage();
        await session.StopAsync().ConfigureAwait(false);
        var check = await StorageCheck.RunAsync(host.Factory, session.Lines, cancellationToken).ConfigureAwait(false);

        var alone = Percentiles.Of(normalLines.SelectMany(l => l.Latencies[0]));
        var withFlood = Percentiles.Of(normalLines.SelectMany(l => l.Latencies[1]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {host.Description}, {normals} normal lines at {options.NormalRate}/s each, one flooding line (window {options.FloodWindow}); load {load}"));
        Console.WriteLine("| Window | Normal events/s | Normal p50 ms | p95 ms | p99 ms | max ms | Flood events/s | Host CPU |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| without flood | {normalLines.Sum(l => l.AcksIn[0]) / quiet.TotalSeconds:N0} | {alone.P50:F1} | {alone.P95:F1} | {alone.P99:F1} | {alone.Max:F0} | – | {100 * quietCpu / quiet:F0} % |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| with flood | {normalLines.Sum(l => l.AcksIn[1]) / flooded.TotalSeconds:N0} | {withFlood.P50:F1} | {withFlood.P95:F1} | {withFlood.P99:F1} | {withFlood.Max:F0} | {flood.AcksIn[1] / flooded.TotalSeconds:N0} | {100 * floodCpu / flooded:F0} % |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  normal stalls {normalLines.Sum(l => l.Stalls)}, NAK {session.Lines.Sum(l => l.Nacked)}, unanswered {session.Lines.Sum(l => l.Unanswered)}; stored {check.Stored:N0}, acked {check.Acked:N0}, acked missing {check.AckedMissing}, stored not acked {check.StoredNotAcked} → {(check.Ok ? "OK" : "MISMATCH")}"));
    }
}
