using System.Globalization;
using System.Text;

namespace Vigie.Bench.Logbook;

/// <summary>Prints the medians as a Markdown table ready for docs/benchmarks.md.</summary>
public static class ReportTable
{
    public static string Render(IReadOnlyList<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var text = new StringBuilder();
        text.AppendLine("| Provider | Scenario | Variant | Entries/run | Runs | Median entries/s | Min – max entries/s | µs/entry (median) | Time vs baseline |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in measurements.GroupBy(m => (m.Provider, m.Scenario)))
        {
            var baseline = group.FirstOrDefault(m => m.IsBaseline);
            foreach (var m in group)
            {
                var ratio = baseline is null ? "–" : m.IsBaseline ? "1.00× (baseline)" : string.Create(CultureInfo.InvariantCulture, $"{baseline.Median / m.Median:F2}×");
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {m.Provider} | {m.Scenario} | {m.Variant} | {m.EntriesPerRun:N0} | {m.Rates.Count} | {m.Median:N0} | {m.Rates.Min():N0} – {m.Rates.Max():N0} | {1e6 / m.Median:F1} | {ratio} |"));
            }
        }

        return text.ToString();
    }
}
