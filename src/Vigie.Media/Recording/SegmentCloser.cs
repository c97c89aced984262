using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vigie.Media.Recording;

/// <summary>
/// Finishes segment files away from the cameras' receive threads: the fsync that makes a segment durable
/// before it is renamed can take from milliseconds to seconds on a busy disk (a journal commit waits for
/// other files' data), and cameras started together cut their segments together — a thousand fsyncs in the
/// same second on the threads that read the cameras' sockets stopped every camera for seconds
/// (docs/benchmarks.md). Here they run on a few dedicated threads; each camera's closes keep their order
/// (<see cref="Lane"/>). <see cref="Inline"/> finishes on the caller's thread (tools, tests).
/// </summary>
public sealed partial class SegmentCloser : IDisposable
{
    private readonly BlockingCollection<Action>? _work;
    private readonly Thread[] _threads;

    /// <param name="threads">Closes in flight at once: concurrent fsyncs let the file system commit them together.</param>
    public SegmentCloser(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _work = [];
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"vigie-segment-closer-{i}" };
            _threads[i].Start();
        }
    }

    private SegmentCloser() => _threads = [];

    /// <summary>Finishes every segment on the thread that ends it.</summary>
    public static SegmentCloser Inline { get; } = new();

    public void Dispose()
    {
        if (_work is null)
        {
            return;
        }

        // What was handed over is finished before the host ends: a segment left as .part would wait for the
        // next start's recovery.
        _work.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _work.Dispose();
    }

    private void Schedule(Action work)
    {
        if (_work is null || !_work.TryAdd(work))
        {
            work(); // inline, or the host is stopping: finish here
        }
    }

    private void Run()
    {
        foreach (var work in _work!.GetConsumingEnumerable())
        {
            work();
        }
    }

    /// <summary>One writer's closes, run one after the other in the order given.</summary>
    public sealed class Lane(SegmentCloser closer, string camera, ILogger logger)
    {
        private readonly ConcurrentQueue<Action> _queue = new();
        private readonly Lock _gate = new();
        private readonly ManualResetEventSlim _idle = new(initialState: true);
        private int _pending;
        private int _scheduled;

        public void Enqueue(Action close)
        {
            lock (_gate)
            {
                _pending++;
                _idle.Reset();
            }

            _queue.Enqueue(close);
            if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            {
                closer.Schedule(Drain);
            }
        }

        /// <summary>Waits until every close given so far is done.</summary>
        public void WaitIdle() => _idle.Wait();

        private void Drain()
        {
            while (true)
            {
                while (_queue.TryDequeue(out var close))
                {
                    try
                    {
                        close();
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        LogCloseFailed(logger, ex, camera, ex.Message);
                    }
                    finally
                    {
                        lock (_gate)
                        {
                            if (--_pending == 0)
                            {
                                _idle.Set();
                            }
                        }
                    }
                }

                Volatile.Write(ref _scheduled, 0);
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: a segment could not be finished: {Reason}; its .part file is recovered at the next start")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception, string camera, string reason);
}
