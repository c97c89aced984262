using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vigie.Server.Hosting;

/// <summary>/health: Degraded while a background loop's last step failed, naming the loop and since when.</summary>
public sealed class LoopsHealthCheck(SupervisedLoops loops) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = loops.Status.Where(s => s.Failing).ToList();
        if (failing.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{loops.Status.Count} background loops running"));
        }

        var description = string.Join("; ", failing.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"loop {s.Loop} failing since {s.FailingSince:yyyy-MM-dd'T'HH:mm:ss'Z'} ({s.Failures} failed step(s), last {s.LastError}), retrying")));
        var data = failing.ToDictionary(s => s.Loop, s => (object)s.Failures);
        return Task.FromResult(HealthCheckResult.Degraded(description, data: data));
    }
}
