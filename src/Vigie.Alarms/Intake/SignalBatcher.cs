using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Intake;

/// <summary>
/// Group commit: signals from every connection and intake are queued, and one writer stores whatever has
/// gathered in one transaction, then releases each sender to acknowledge. A sender whose batch could not be
/// stored gets the exception, so it never acknowledges what is not on disk. The queue is bounded: when the
/// database falls behind, senders wait (and panels wait for their ACK) instead of memory growing.
/// </summary>
public sealed partial class SignalBatcher : IAsyncDisposable
{
    public const int MaxBatch = 2000;

    private readonly CappedQueue<Pending> _queue;
    private readonly ISignalStore _store;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Histogram<double>? _commitDuration;
    private readonly Histogram<long>? _commitSize;

    /// <param name="meter">Where the commits' durations and sizes are recorded; none when null.</param>
    public SignalBatcher(ISignalStore store, ILogger logger, int capacity = 20_000, Meter? meter = null)
    {
        _store = store;
        _logger = logger;
        _commitDuration = meter?.CreateHistogram(
            "vigie.alarms.commit.duration",
            "s",
            "Time of one group commit of alarm signals (all intakes), from its start to its durable end",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = IntakeMetrics.LatencyBuckets });
        _commitSize = meter?.CreateHistogram(
            "vigie.alarms.commit.signals",
            "{signal}",
            "Signals stored by one group commit",
            tags: null,
            new InstrumentAdvice<long> { HistogramBucketBoundaries = IntakeMetrics.BatchBuckets });
        _queue = new CappedQueue<Pending>(capacity, singleWriter: false);
        _writer = Task.Run(() => WriteAsync(_stop.Token));
    }

    /// <summary>Completes once the signals are committed; throws if they could not be.</summary>
    public Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Continuations run where the batch is released (see Release), not one thread-pool hop per sender.
        var pending = new Pending(signals, new TaskCompletionSource());
        // Not cancelled by the caller once queued: the commit ends (or fails) soon, and stopping the batcher
        // cancels whatever it still holds, so this never outlives the host. Queued at once unless the queue
        // is full, without a state machine of its own.
        try
        {
            return _queue.TryWrite(pending) ? pending.Done.Task : QueueAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            return Task.FromException(ex);
        }
    }

    private async Task QueueAsync(Pending pending, CancellationToken cancellationToken)
    {
        await _queue.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        await pending.Done.Task.ConfigureAwait(false);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>();
        var signals = new List<AlarmSignal>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Clear();
                signals.Clear();
                while (signals.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    signals.AddRange(next.Signals);
                }

                _queue.Release(batch.Count);

                try
                {
                    var started = Stopwatch.GetTimestamp();
                    await _store.StoreAsync(signals, cancellationToken).ConfigureAwait(false);
                    _commitDuration?.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    _commitSize?.Record(signals.Count);
                    Release(batch, failure: null);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogStoreFailed(_logger, signals.Count, ex);
                    Release(batch, ex);
                }

                // Released (above): no longer this loop's to cancel when stopping.
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever is still queued was never acknowledged.
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled(CancellationToken.None);
        }

        foreach (var pending in batch)
        {
            pending.Done.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>
    /// Lets the senders of a batch go — committed, or with the <paramref name="failure"/> — all from one
    /// thread-pool work item: each sender's answer is then built on that thread (no hop per sender), and the
    /// next commit does not wait for them.
    /// </summary>
    private static void Release(List<Pending> batch, Exception? failure)
    {
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                foreach (var pending in state.Batch)
                {
                    if (state.Failure is null)
                    {
                        pending.Done.TrySetResult();
                    }
                    else
                    {
                        pending.Done.TrySetException(state.Failure);
                    }
                }
            },
            (Batch: batch.ToArray(), Failure: failure),
            preferLocal: false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed record Pending(IReadOnlyList<AlarmSignal> Signals, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} signals could not be stored; their senders get no acknowledgement")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);
}
