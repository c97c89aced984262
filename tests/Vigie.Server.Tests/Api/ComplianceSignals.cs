using Microsoft.EntityFrameworkCore;
using Vigie.Server.Features.Privacy;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

/// <summary>The technical alarms the compliance watch raised, waited for in the order they must come.</summary>
internal static class ComplianceSignals
{
    public static async Task WaitAsync(TestHost host, string[] codes)
    {
        var ct = TestContext.Current.CancellationToken;
        List<string> found = [];
        for (var i = 0; i < 100 && found.Count < codes.Length; i++)
        {
            await Task.Delay(50, ct);
            await using var db = host.Service<VigieDbFactory>().CreateDbContext();
            found = await db.AlarmSignals.AsNoTracking().Where(s => s.Source == ComplianceWatch.Source).OrderBy(s => s.Id).Select(s => s.Code).ToListAsync(ct);
        }

        Assert.Equal(codes, found);
    }
}
