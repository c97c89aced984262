namespace Vigie.Media.Ingest;

/// <summary>
/// Delay before the next connection attempt to a camera: capped exponential backoff with jitter
/// ("equal jitter": half fixed, half random), so hundreds of cameras behind one failed switch do not
/// reconnect in lockstep. Reset after a successful stream.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;
    private readonly Random _random;
    private int _attempt;

    public ReconnectBackoff(TimeSpan? initial = null, TimeSpan? maximum = null, Random? random = null)
    {
        _initial = initial ?? TimeSpan.FromSeconds(1);
        _maximum = maximum ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(_maximum, _initial);
        _random = random ?? Random.Shared;
    }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempt => _attempt;

    public TimeSpan NextDelay()
    {
        var exponent = Math.Min(_attempt, 30);
        var ceiling = Math.Min(_maximum.Ticks, _initial.Ticks * (1L << Math.Min(exponent, 20)));
        _attempt++;
        var half = ceiling / 2;
        return TimeSpan.FromTicks(half + (long)(_random.NextDouble() * (ceiling - half)));
    }

    public void Reset() => _attempt = 0;
}
