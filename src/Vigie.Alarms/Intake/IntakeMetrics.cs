namespace Vigie.Alarms.Intake;

/// <summary>
/// Histogram buckets of the intake's timings, fine enough around the figures that matter (an ACK's time is
/// judged against 50 ms) that a percentile read from <c>/metrics</c> is known to within a few milliseconds.
/// </summary>
public static class IntakeMetrics
{
    /// <summary>Seconds: 0.5 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
    [
        0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05,
        0.06, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 10,
    ];

    /// <summary>Signals per commit.</summary>
    public static readonly IReadOnlyList<long> BatchBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];
}
