using System.Globalization;

namespace Vigie.Bench.Alarms;

/// <summary>
/// One histogram of the host's <c>/metrics</c> (Prometheus text): the cumulative count per bucket upper
/// bound, for the series whose labels contain a given one. Two scrapes subtracted give the window's own
/// histogram; a percentile is read as the upper bound of the bucket that reaches it (the figure is then "at
/// most"), and <see cref="FractionAtMost"/> is exact at a bucket bound.
/// </summary>
public sealed record HostHistogram(IReadOnlyList<(double UpperBound, long Count)> Buckets)
{
    public long Total => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public static async Task<HostHistogram> ScrapeAsync(HttpClient http, Uri metrics, string name, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(metrics, cancellationToken).ConfigureAwait(false);
        var buckets = new List<(double, long)>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal) || (label.Length > 0 && !line.Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var value = line[(line.LastIndexOf('}') + 2)..].Split(' ')[0];
            buckets.Add((bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture), long.Parse(value, CultureInfo.InvariantCulture)));
        }

        return new HostHistogram(buckets.OrderBy(b => b.Item1).ToArray());
    }

    /// <summary>This window's counts: <paramref name="later"/> minus <paramref name="earlier"/> (a series absent earlier counts from zero).</summary>
    public static HostHistogram Between(HostHistogram earlier, HostHistogram later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        return new HostHistogram(later.Buckets.Select(b => (b.UpperBound, b.Count - earlier.Buckets.Where(e => e.UpperBound == b.UpperBound).Select(e => e.Count).FirstOrDefault())).ToArray());
    }

    /// <summary>Upper bound of the bucket in which the <paramref name="p"/> (0..1) quantile lies, in the histogram's unit.</summary>
    public double AtMost(double p)
    {
        if (Total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(p * Total);
        return Buckets.First(b => b.Count >= rank).UpperBound;
    }

    /// <summary>Share (0..1) of the observations at or below <paramref name="bound"/>, which must be a bucket bound.</summary>
    public double FractionAtMost(double bound) =>
        Total == 0 ? double.NaN : (double)Buckets.Single(b => b.UpperBound == bound).Count / Total;
}
