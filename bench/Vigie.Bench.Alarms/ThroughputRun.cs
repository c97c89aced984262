using System.Globalization;

namespace Vigie.Bench.Alarms;

/// <summary>
/// <c>throughput</c>: N lines send to one host; after the warm-up, one window counts the ACKs received
/// (events/s stored and acknowledged) and the ACK latency of the frames sent in it; then sending stops,
/// every outstanding answer is awaited, and the database is checked against the ACKs.
/// </summary>
public static class ThroughputRun
{
    public sealed record Result(double EventsPerSecond, Percentiles Latency, double HostCpuPercent, double HostCpuMicrosPerEvent, double LoadCpuMicrosPerEvent, string LoadAverage, long Nacked, long Stalls, long Unanswered, StorageCheck Check)
    {
        /// <summary>The host's own figure: receipt of a frame's last byte to the send of its ACK (from /metrics).</summary>
        public HostHistogram HostAnswer { get; init; } = new([]);

        /// <summary>The host's group commits in the window (from /metrics).</summary>
        public HostHistogram Commits { get; init; } = new([]);
    }

    private const string AnswerHistogram = "vigie_dc09_answer_duration_seconds";
    private const string CommitHistogram = "vigie_alarms_commit_duration_seconds";

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<Result>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var accounts = Enumerable.Range(0, options.Connections).Select(c => LoadSession.AccountsOf(c, options.AccountsPerConnection)).ToArray();
            await using var host = await HostUnderTest.StartAsync(options, accounts.SelectMany(a => a).ToArray(), cancellationToken).ConfigureAwait(false);
            var session = new LoadSession();
            var perLine = options.Rate > 0 ? (double)options.Rate / options.Connections : 0;
            foreach (var lineAccounts in accounts)
            {
                session.Start(new PanelLine(lineAccounts, options.Window, perLine, session.Phase, 1, options.PerFrameSends), options.Dc09Port);
            }

            // /metrics is read once now, so that the host compiles its HTTP path during the warm-up and not in the window.
            using var http = new HttpClient();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _ = await HostHistogram.ScrapeAsync(http, host.Metrics, AnswerHistogram, string.Empty, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (HttpRequestException) when (attempt < 100)
                {
                    // The HTTP side starts a little after the DC-09 port.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                }
            }

            await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
            var answersBefore = await HostHistogram.ScrapeAsync(http, host.Metrics, AnswerHistogram, "transport=\"tcp\"", cancellationToken).ConfigureAwait(false);
            var commitsBefore = await HostHistogram.ScrapeAsync(http, host.Metrics, CommitHistogram, string.Empty, cancellationToken).ConfigureAwait(false);
            var (elapsed, cpu, loadCpu) = await session.MeasureWithLoadAsync(0, options.Duration, host, cancellationToken).ConfigureAwait(false);
            var answers = HostHistogram.Between(answersBefore, await HostHistogram.ScrapeAsync(http, host.Metrics, AnswerHistogram, "transport=\"tcp\"", cancellationToken).ConfigureAwait(false));
            var commits = HostHistogram.Between(commitsBefore, await HostHistogram.ScrapeAsync(http, host.Metrics, CommitHistogram, string.Empty, cancellationToken).ConfigureAwait(false));
            var acks = session.Lines.Sum(l => l.AcksIn[0]);
            var load = LoadSession.LoadAverage();
            await session.StopAsync().ConfigureAwait(false);
            var check = await StorageCheck.RunAsync(host.Factory, session.Lines, cancellationToken).ConfigureAwait(false);
            var result = new Result(
                acks / elapsed.TotalSeconds,
                Percentiles.Of(session.Lines.SelectMany(l => l.Latencies[0])),
                100 * cpu / elapsed,
                acks == 0 ? 0 : cpu.TotalMicroseconds / acks,
                acks == 0 ? 0 : loadCpu.TotalMicroseconds / acks,
                load,
                session.Lines.Sum(l => l.Nacked),
                session.Lines.Sum(l => l.Stalls),
                session.Lines.Sum(l => l.Unanswered),
                check)
            {
                HostAnswer = answers,
                Commits = commits,
            };
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run} ({host.Description}): {result.EventsPerSecond:N0} events/s, ACK latency p50 {result.Latency.P50:F1} ms p95 {result.Latency.P95:F1} ms p99 {result.Latency.P99:F1} ms max {result.Latency.Max:F0} ms, host CPU {result.HostCpuPercent:F0} % = {result.HostCpuMicrosPerEvent:F1} µs/event, load generator {result.LoadCpuMicrosPerEvent:F1} µs/event, load {load}, NAK {result.Nacked}, stalls {result.Stalls}, unanswered {result.Unanswered}; stored {check.Stored:N0}, acked {check.Acked:N0}, acked missing {check.AckedMissing}, stored not acked {check.StoredNotAcked} → {(check.Ok ? "OK" : "MISMATCH")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    host side (/metrics): {answers.Total:N0} answers, receipt → ACK sent p50 ≤ {1000 * answers.AtMost(0.50):F1} ms p99 ≤ {1000 * answers.AtMost(0.99):F1} ms, {100 * answers.FractionAtMost(0.05):F2} % ≤ 50 ms; {commits.Total:N0} commits, p50 ≤ {1000 * commits.AtMost(0.50):F1} ms p99 ≤ {1000 * commits.AtMost(0.99):F1} ms max ≤ {1000 * commits.AtMost(1):F0} ms"));
        }

        return results;
    }

    public static string Summary(BenchOptions options, IReadOnlyList<Result> results)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {(options.Database is null ? "sqlite" : "postgres")} | {options.Connections} | {(options.Rate > 0 ? options.Rate.ToString("N0", CultureInfo.InvariantCulture) : "max")} | {options.Window} | {results.Count} | {Median(results.Select(r => r.EventsPerSecond)):N0} | {results.Min(r => r.EventsPerSecond):N0} – {results.Max(r => r.EventsPerSecond):N0} | {Median(results.Select(r => r.Latency.P50)):F1} | {Median(results.Select(r => r.Latency.P95)):F1} | {Median(results.Select(r => r.Latency.P99)):F1} | {Median(results.Select(r => r.HostCpuPercent)):F0} % | {Median(results.Select(r => r.HostCpuMicrosPerEvent)):F1} | {Median(results.Select(r => r.LoadCpuMicrosPerEvent)):F1} | {string.Join(' ', results.Select(r => r.LoadAverage))} | {(results.All(r => r.Check.Ok) ? "yes" : "NO")} |");
    }
}
