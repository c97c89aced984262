using System.Globalization;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Reads <c>vigie_intake_messages_total</c> for one source and outcome from the Prometheus text of /metrics.</summary>
internal static class IntakeMetricsReader
{
    public static async Task<long> CountAsync(HttpClient client, string source, string outcome, CancellationToken cancellationToken)
    {
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("vigie_intake_messages_total{", StringComparison.Ordinal)
            && l.Contains($"source=\"{source}\"", StringComparison.Ordinal) && l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
