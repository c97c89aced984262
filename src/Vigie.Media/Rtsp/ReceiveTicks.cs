using System.Runtime.CompilerServices;

namespace Vigie.Media.Rtsp;

/// <summary>
/// One periodic timer for every batched connection of the process that shares a clock and a period: at
/// each tick every registered connection is signalled and reads what its socket gathered. The point is
/// that the wake-ups are aligned: the thread pool runs the connections' reads back to back (one or two
/// workers woken per tick for the whole host) instead of each camera waking a sleeping thread on its own
/// schedule — per wake-up the scheduler, epoll and the pool cost more than the bytes. The timer only runs
/// while a connection is registered.
/// </summary>
internal sealed class ReceiveTicks
{
    private static readonly ConditionalWeakTable<TimeProvider, Dictionary<long, ReceiveTicks>> Shared = new();

    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly Lock _lock = new();
    private ReceiveWaker[] _wakers = [];
    private ITimer? _timer;

    private ReceiveTicks(TimeProvider time, TimeSpan period)
    {
        _time = time;
        _period = period;
    }

    /// <summary>The ticks of <paramref name="time"/> at <paramref name="period"/>, shared by every connection that asks.</summary>
    public static ReceiveTicks For(TimeProvider time, TimeSpan period)
    {
        var byPeriod = Shared.GetValue(time, static _ => []);
        lock (byPeriod)
        {
            if (!byPeriod.TryGetValue(period.Ticks, out var ticks))
            {
                byPeriod[period.Ticks] = ticks = new ReceiveTicks(time, period);
            }

            return ticks;
        }
    }

    public TimeSpan Period => _period;

    /// <summary>Registered connections (for tests and diagnostics).</summary>
    public int Count => Volatile.Read(ref _wakers).Length;

    public void Add(ReceiveWaker waker)
    {
        lock (_lock)
        {
            _wakers = [.. _wakers, waker];
            if (_timer is null)
            {
                // The timer must not keep the first registrant's execution context (logging scopes, activities) alive.
                var suppress = !ExecutionContext.IsFlowSuppressed();
                if (suppress)
                {
                    ExecutionContext.SuppressFlow();
                }

                try
                {
                    _timer = _time.CreateTimer(static state => ((ReceiveTicks)state!).Tick(), this, _period, _period);
                }
                finally
                {
                    if (suppress)
                    {
                        ExecutionContext.RestoreFlow();
                    }
                }
            }
        }
    }

    public void Remove(ReceiveWaker waker)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_wakers, waker);
            if (index < 0)
            {
                return;
            }

            _wakers = [.. _wakers[..index], .. _wakers[(index + 1)..]];
            if (_wakers.Length == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    private void Tick()
    {
        foreach (var waker in Volatile.Read(ref _wakers))
        {
            waker.Signal();
        }
    }
}
