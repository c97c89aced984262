using Microsoft.EntityFrameworkCore;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>Waits until cameras have been recorded together for a while, from the recording index.</summary>
internal static class RecordedSpans
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The span every one of <paramref name="cameras"/> has indexed segments over, once it lasts <paramref name="span"/>.</summary>
    public static async Task<(DateTimeOffset First, DateTimeOffset Last)> WaitAsync(TestHost host, Guid[] cameras, TimeSpan span)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            await using var db = host.Service<VigieDbFactory>().CreateDbContext();
            var ranges = new List<(DateTimeOffset, DateTimeOffset)>();
            foreach (var camera in cameras)
            {
                var segments = await db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == new Vigie.Domain.CameraId(camera)).ToListAsync(Ct);
                if (segments.Count > 0)
                {
                    ranges.Add((segments.Min(s => s.StartsAt).ToUniversalTime(), segments.Max(s => s.EndsAt).ToUniversalTime()));
                }
            }

            if (ranges.Count == cameras.Length)
            {
                var from = ranges.Max(r => r.Item1);
                var to = ranges.Min(r => r.Item2);
                if (to - from >= span)
                {
                    return (from, to);
                }
            }

            await Task.Delay(500, Ct);
        }

        Assert.Fail("the cameras were not recorded in time");
        return default;
    }
}
