using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigie.Server.Hosting;

namespace Vigie.Server.Tests.Hosting;

public sealed class SupervisedLoopsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly MeterListener _listener = new();
    private long _failuresCounted;

    public SupervisedLoopsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meters: hosts of other tests publish the same names.
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "vigie.loop.failures")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _failuresCounted, value));
        _listener.Start();
    }

    [Fact]
    public async Task A_failing_step_is_retried_after_a_growing_jittered_backoff_and_the_loop_is_degraded_on_health_until_it_works_again()
    {
        var loops = new SupervisedLoops(_time, _services.GetRequiredService<IMeterFactory>(), NullLogger<SupervisedLoops>.Instance);
        var health = new LoopsHealthCheck(loops);
        var attempts = new List<DateTimeOffset>();
        using var stop = new CancellationTokenSource();

        var run = loops.RunAsync("recording-index", _ =>
        {
            attempts.Add(_time.GetUtcNow());
            return attempts.Count <= 2 ? throw new IOException("database away") : Task.CompletedTask;
        }, TimeSpan.FromMinutes(5), stop.Token);

        var failing = Assert.Single(loops.Status);
        Assert.Equal(("recording-index", 1, (DateTimeOffset?)attempts[0], "IOException"), (failing.Loop, failing.Failures, failing.FailingSince, failing.LastError));
        var degraded = await health.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.StartsWith("loop recording-index failing since 2026-11-29T10:00:00Z (1 failed step(s), last IOException)", degraded.Description, StringComparison.Ordinal);

        await AdvanceUntilAsync(() => attempts.Count == 3);

        // Equal jitter: the first retry between 0.5 and 1 s later, the second between 1 and 2 s after it.
        Assert.InRange((attempts[1] - attempts[0]).TotalSeconds, 0.5, 1.1);
        Assert.InRange((attempts[2] - attempts[1]).TotalSeconds, 1, 2.1);
        Assert.Equal(2, Interlocked.Read(ref _failuresCounted));
        Assert.False(Assert.Single(loops.Status).Failing);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);

        // Next step after the pause, not before.
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(3, attempts.Count);
        await AdvanceUntilAsync(() => attempts.Count == 4);
    }

    [Fact]
    public async Task Shutdown_ends_the_loop_quietly_whether_it_pauses_or_backs_off()
    {
        var loops = new SupervisedLoops(_time, _services.GetRequiredService<IMeterFactory>(), NullLogger<SupervisedLoops>.Instance);
        using var stopPausing = new CancellationTokenSource();
        using var stopBackingOff = new CancellationTokenSource();
        var pausing = loops.RunAsync("retention", _ => Task.CompletedTask, TimeSpan.FromMinutes(5), stopPausing.Token);
        var backingOff = loops.RunAsync("export", _ => throw new InvalidOperationException("audit refused"), TimeSpan.Zero, stopBackingOff.Token);

        await stopPausing.CancelAsync();
        await stopBackingOff.CancelAsync();

        await pausing;
        await backingOff;
        Assert.Equal(1, Interlocked.Read(ref _failuresCounted));
    }

    [Fact]
    public async Task A_cancellation_that_is_not_the_shutdown_is_a_failure_like_any_other()
    {
        var loops = new SupervisedLoops(_time, _services.GetRequiredService<IMeterFactory>(), NullLogger<SupervisedLoops>.Instance);
        using var stop = new CancellationTokenSource();
        var run = loops.RunAsync("alarm-intake", _ => throw new TaskCanceledException("a time-out of the step's own"), TimeSpan.Zero, stop.Token);

        Assert.Equal("TaskCanceledException", Assert.Single(loops.Status).LastError);
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await run;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>Moves the fake clock in small steps until the loop has done what is expected (no sleep: the loop runs on the clock's timers).</summary>
    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 1000 && !done(); i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        Assert.True(done(), "the loop did not get there");
    }
}
