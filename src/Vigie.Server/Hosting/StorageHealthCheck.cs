using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigie.Storage.Database;

namespace Vigie.Server.Hosting;

/// <summary>/health: the database answers a query and the data folder accepts a write.</summary>
public sealed class StorageHealthCheck(VigieDbFactory dbFactory, VigieHostOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var db = dbFactory.CreateDbContext())
            {
                await db.People.AnyAsync(cancellationToken).ConfigureAwait(false);
            }

            var probe = Path.Combine(options.DataFolder, $".health-{Environment.ProcessId}");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"{dbFactory.Settings.Description}; data folder writable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Storage check failed: {ex.Message}", ex);
        }
    }
}
