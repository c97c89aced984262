using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vigie.Server.Hosting;

/// <summary>
/// The body of /health: the overall status alone on the first line (what monitors read; "Healthy" and nothing
/// else when all is well), then one line per check
/// that is not healthy, e.g. <c>loops: loop recording failing since …</c>. No exception message: /health is
/// anonymous, the details are in the log.
/// </summary>
internal static class HealthAnswer
{
    public static HealthCheckOptions Options { get; } = new()
    {
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(" — ").Append(Describe(name, entry));
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    /// <summary>The storage check's description carries the database error: only its kind goes out.</summary>
    private static string Describe(string name, HealthReportEntry entry) => name == "storage"
        ? $"the database or the data folder cannot be used ({entry.Exception?.GetType().Name ?? "unknown error"}); see the log"
        : entry.Description ?? entry.Status.ToString();
}
