using System.Diagnostics;

namespace Vigie.Bench.Logbook;

/// <summary>The repeated runs of one variant of one scenario, as entries per second.</summary>
public sealed class Measurement
{
    private readonly List<double> _rates = [];

    public Measurement(string provider, string scenario, string variant, bool isBaseline)
    {
        Provider = provider;
        Scenario = scenario;
        Variant = variant;
        IsBaseline = isBaseline;
    }

    public string Provider { get; }

    public string Scenario { get; }

    public string Variant { get; }

    public bool IsBaseline { get; }

    public IReadOnlyList<double> Rates => _rates;

    public long EntriesPerRun { get; private set; }

    public double Median
    {
        get
        {
            var sorted = _rates.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /// <summary>Times one run of <paramref name="entries"/> entries and records its rate.</summary>
    public async Task<double> RunAsync(long entries, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Stopwatch.GetTimestamp();
        await run().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var rate = entries / elapsed.TotalSeconds;
        _rates.Add(rate);
        EntriesPerRun = entries;
        Console.WriteLine($"    {Provider,-10} {Scenario,-22} {Variant,-44} {entries,9:N0} entries in {elapsed.TotalSeconds,8:F2} s = {rate,10:N0} /s");
        return rate;
    }
}
