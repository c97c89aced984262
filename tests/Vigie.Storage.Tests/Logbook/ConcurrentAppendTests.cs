using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>
/// Two writers that know nothing of each other (a CLI beside the host, two nodes on PostgreSQL) append
/// to the same journal at once. Each has its own factory and cached chain head, as separate processes do.
/// </summary>
public sealed class ConcurrentAppendTests
{
    private const int EntriesPerWriter = 25;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Two_writers_appending_at_once_keep_one_unbroken_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var host = new IndependentWriter(new VigieDbFactory(database.Settings));
        using var tool = new IndependentWriter(new VigieDbFactory(database.Settings));

        await Task.WhenAll(AppendManyAsync(host.Writer, "host"), AppendManyAsync(tool.Writer, "tool"));

        await using var db = database.Factory.CreateDbContext();
        var sequences = await db.LogbookEntries.Where(e => e.Journal == Journal.MainCourante).Select(e => e.Sequence).OrderBy(s => s).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(1, 2 * EntriesPerWriter).Select(i => (long)i), sequences);
        var report = await LogbookVerification.VerifyAsync(database.Factory, Ct);
        Assert.True(report.IsIntact, report.FirstBreak?.Describe());
        Assert.Equal(2 * EntriesPerWriter, report.Checked[Journal.MainCourante]);
    }

    private static Task AppendManyAsync(LogbookWriter writer, string who) => Task.Run(
        async () =>
        {
            for (var i = 1; i <= EntriesPerWriter; i++)
            {
                await writer.AppendAsync(Drafts.Note($"{who} {i}", author: who), Ct);
            }
        },
        Ct);
}
