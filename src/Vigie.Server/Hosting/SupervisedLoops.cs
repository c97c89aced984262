using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Vigie.Media.Ingest;

namespace Vigie.Server.Hosting;

/// <summary>
/// The one way the host runs a background loop (every <see cref="BackgroundService"/> goes through it): a
/// step is run again and again, with a pause between successful steps. Shutdown ends the loop quietly; any
/// other exception is logged with the exception, counted (<c>vigie.loop.failures</c>), shown on /health
/// (Degraded, naming the loop) and the step is retried after a capped exponential backoff with jitter on the
/// injected clock — so a database that vanishes, a camera password that cannot be decrypted or an audit
/// write that fails never ends a loop, and never stops the host.
/// </summary>
public sealed partial class SupervisedLoops
{
    public const string MeterName = VigieMetrics.MeterName + ".Loops";

    /// <summary>First retry soon (a dropped connection comes back at once), then at most once a minute.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time;
    private readonly ILogger<SupervisedLoops> _logger;
    private readonly Counter<long> _failures;
    private readonly ConcurrentDictionary<string, LoopStatus> _status = new(StringComparer.Ordinal);

    public SupervisedLoops(TimeProvider time, IMeterFactory meters, ILogger<SupervisedLoops> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        _logger = logger;
        // The factory owns (and disposes) the meter.
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>("vigie.loop.failures", unit: "{failure}", description: "Steps of a background loop that failed (retried after a backoff)");
        meter.CreateObservableGauge("vigie.loop.failing", () => _status.Values.Select(s =>
            new Measurement<int>(s.Failing ? 1 : 0, new KeyValuePair<string, object?>("loop", s.Loop))), unit: null, "1 while a background loop's last step failed");
    }

    /// <summary>Every loop that ran at least once, failing or not.</summary>
    public IReadOnlyCollection<LoopStatus> Status => [.. _status.Values.OrderBy(s => s.Loop, StringComparer.Ordinal)];

    /// <summary>Runs <paramref name="step"/>, then <paramref name="pause"/>, and again, until <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <param name="loop">Short name shown on /health, in the logs and as the metrics' <c>loop</c> label (e.g. "recording").</param>
    public Task RunAsync(string loop, Func<CancellationToken, Task> step, TimeSpan pause, CancellationToken stoppingToken) =>
        RunAsync(loop, step, token => Task.Delay(pause, _time, token), stoppingToken);

    /// <summary>Same, with a pause that waits for something else than time (a queue, a change notice).</summary>
    public async Task RunAsync(string loop, Func<CancellationToken, Task> step, Func<CancellationToken, Task> pause, CancellationToken stoppingToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loop);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(pause);
        var backoff = new ReconnectBackoff(FirstRetry, LongestRetry);
        _status.TryAdd(loop, new LoopStatus(loop, 0, null, null));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await step(stoppingToken).ConfigureAwait(false);
                if (backoff.Attempt > 0)
                {
                    backoff.Reset();
                    LogRecovered(_logger, loop);
                }

                _status[loop] = new LoopStatus(loop, 0, null, null);
                await pause(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var delay = backoff.NextDelay();
                var previous = _status.GetValueOrDefault(loop);
                _status[loop] = new LoopStatus(loop, (previous?.Failures ?? 0) + 1, previous?.FailingSince ?? _time.GetUtcNow(), ex.GetType().Name);
                _failures.Add(1, new KeyValuePair<string, object?>("loop", loop));
                LogFailed(_logger, loop, delay.TotalSeconds, ex);
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background loop {Loop} failed; retrying in {Seconds:F1} s")]
    private static partial void LogFailed(ILogger logger, string loop, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background loop {Loop} works again")]
    private static partial void LogRecovered(ILogger logger, string loop);
}
