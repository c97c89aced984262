using System.Security.Cryptography;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>
/// What the plain chain cannot see — its last entries deleted, or an entry deleted and every later hash
/// recomputed — the installation's signed checkpoints do.
/// </summary>
public sealed class CheckpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_cut_tail_passes_the_chain_but_not_the_signed_checkpoint(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AppendAsync(database, 5);
        var lines = await CheckpointLinesAsync(database, key);
        await database.DropAppendOnlyTriggersAsync(Ct);

        await database.ExecuteRawAsync("DELETE FROM logbook_entries WHERE \"Sequence\" > 3", Ct);

        Assert.True((await LogbookVerification.VerifyAsync(database.Factory, Ct)).IsIntact);
        var report = await CheckpointVerification.VerifyAsync(database.Factory, lines, key, Ct);
        Assert.Contains("MainCourante ends at #3", report.Problem, StringComparison.Ordinal);
        Assert.Contains("saw it reach #5: its last entries were deleted", report.Problem, StringComparison.Ordinal);

        await database.ExecuteRawAsync("DELETE FROM logbook_entries", Ct);
        Assert.Contains("ends at #0", (await CheckpointVerification.VerifyAsync(database.Factory, lines, key, Ct)).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_history_rewritten_and_chained_again_passes_the_chain_but_not_the_signed_checkpoint(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AppendAsync(database, 5);
        var lines = await CheckpointLinesAsync(database, key);
        await database.DropAppendOnlyTriggersAsync(Ct);

        // Entry 3 removed, and the chain rebuilt after it with correct SHA-256 links up to #5 again.
        await database.ExecuteRawAsync("DELETE FROM logbook_entries WHERE \"Sequence\" >= 3", Ct);
        using (var writer = database.NewWriter())
        {
            await writer.AppendManyAsync([Drafts.Note("Ronde 4"), Drafts.Note("Ronde 5"), Drafts.Note("Ronde 6")], Ct);
        }

        Assert.True((await LogbookVerification.VerifyAsync(database.Factory, Ct)).IsIntact);
        var report = await CheckpointVerification.VerifyAsync(database.Factory, lines, key, Ct);
        Assert.Contains("entry #5 of the MainCourante is not the one", report.Problem, StringComparison.Ordinal);
        Assert.Contains("rewritten and chained again", report.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task An_intact_log_book_holds_against_its_checkpoints_also_after_new_entries(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AppendAsync(database, 3);
        var lines = new List<string>(await CheckpointLinesAsync(database, key));
        await AppendAsync(database, 2);
        lines.AddRange(await CheckpointLinesAsync(database, key));
        await AppendAsync(database, 1);

        var report = await CheckpointVerification.VerifyAsync(database.Factory, lines, key, Ct);

        Assert.True(report.Holds, report.Problem);
        Assert.Equal(lines.Count, report.Signed);
        Assert.Equal(5, report.Latest[Journal.MainCourante].Sequence);
    }

    [Fact]
    public async Task A_checkpoint_line_edited_or_signed_by_another_key_is_named()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AppendAsync(database, 2);
        var lines = (await CheckpointLinesAsync(database, key)).ToList();

        var edited = lines.Select(l => l.Replace("\"Count\":2", "\"Count\":1", StringComparison.Ordinal)).ToList();
        Assert.NotEqual(lines, edited);
        Assert.Contains("is not signed by this installation's key", (await CheckpointVerification.VerifyAsync(database.Factory, edited, key, Ct)).Problem, StringComparison.Ordinal);
        Assert.Contains("line 1", (await CheckpointVerification.VerifyAsync(database.Factory, lines, other, Ct)).Problem, StringComparison.Ordinal);
        Assert.Contains("is not a checkpoint", (await CheckpointVerification.VerifyAsync(database.Factory, ["{not json", .. lines], key, Ct)).Problem, StringComparison.Ordinal);
    }

    private static async Task AppendAsync(TestDatabase database, int count)
    {
        using var writer = database.NewWriter();
        await writer.AppendManyAsync([.. Enumerable.Range(1, count).Select(i => Drafts.Note($"Ronde {i}"))], Ct);
    }

    private static async Task<IReadOnlyList<string>> CheckpointLinesAsync(TestDatabase database, ECDsa key) =>
        [.. (await LogbookCheckpoint.CurrentAsync(database.Factory, TimeProvider.System.GetUtcNow(), Ct)).Select(c => SignedCheckpoint.Sign(c, key).ToLine())];
}
