using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Ingest;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_with_jitter_up_to_the_cap_and_reset()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(42));
        var delays = Enumerable.Range(0, 10).Select(_ => backoff.NextDelay()).ToList();
        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[3], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(30)));
        Assert.InRange(delays[9], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        backoff.Reset();
        Assert.InRange(backoff.NextDelay(), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Two_cameras_do_not_retry_in_lockstep()
    {
        var a = new ReconnectBackoff(random: new Random(1));
        var b = new ReconnectBackoff(random: new Random(2));
        var same = Enumerable.Range(0, 6).Count(_ => a.NextDelay() == b.NextDelay());
        Assert.True(same < 6);
    }
}
