using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>
/// Someone with direct access to the database drops the triggers and rewrites history: the chain
/// verification must name the exact entry where the history stops holding.
/// </summary>
public sealed class TamperDetectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Text_edited_behind_the_triggers_is_reported_as_altered_content_at_that_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var entries = await AppendThreeAsync(database);
        await database.DropAppendOnlyTriggersAsync(Ct);

        var changed = await database.ExecuteRawAsync($"UPDATE logbook_entries SET \"Text\" = 'Ronde 2 : RAS' WHERE \"Id\" = {entries[1].Id}", Ct);

        Assert.Equal(1, changed);
        var broken = await FirstBreakAsync(database);
        Assert.Equal(ChainBreakKind.ContentAltered, broken.Kind);
        Assert.Equal(Journal.MainCourante, broken.Journal);
        Assert.Equal(entries[1].Id, broken.EntryId);
        Assert.Equal(2, broken.Sequence);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_middle_entry_deleted_behind_the_triggers_is_reported_as_a_gap_at_the_entry_after_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var entries = await AppendThreeAsync(database);
        await database.DropAppendOnlyTriggersAsync(Ct);

        var deleted = await database.ExecuteRawAsync($"DELETE FROM logbook_entries WHERE \"Id\" = {entries[1].Id}", Ct);

        Assert.Equal(1, deleted);
        var broken = await FirstBreakAsync(database);
        Assert.Equal(ChainBreakKind.SequenceGap, broken.Kind);
        Assert.Equal(entries[2].Id, broken.EntryId);
        Assert.Equal(3, broken.Sequence);
        Assert.Equal(2, broken.ExpectedSequence);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Tampering_with_one_journal_leaves_the_other_reported_as_checked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using (var writer = database.NewWriter())
        {
            await writer.AppendAsync(Drafts.Audit("sign-in"), Ct);
            await writer.AppendAsync(Drafts.Audit("sign-out"), Ct);
        }

        var entries = await AppendThreeAsync(database);
        await database.DropAppendOnlyTriggersAsync(Ct);
        await database.ExecuteRawAsync($"UPDATE logbook_entries SET \"AuthorName\" = 'Someone else' WHERE \"Id\" = {entries[0].Id}", Ct);

        var report = await LogbookVerification.VerifyAsync(database.Factory, Ct);

        Assert.False(report.IsIntact);
        Assert.Equal(entries[0].Id, report.FirstBreak!.EntryId);
        Assert.Equal(0, report.Checked[Journal.MainCourante]);
        Assert.Equal(2, report.Checked[Journal.Audit]);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task An_attachment_replaced_or_removed_behind_the_triggers_is_reported_at_the_entry_naming_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var attachment = new LogbookAttachment([0xFF, 0xD8, 1, 2, 3], "image/jpeg", "quai.jpg", new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        await LogbookAttachmentStore.StoreAsync(database.Factory, attachment, Ct);
        LogbookEntry named;
        using (var writer = database.NewWriter())
        {
            await writer.AppendAsync(Drafts.Note("Ronde 1"), Ct);
            named = await writer.AppendAsync(Drafts.Note("Capture du quai") with { References = AttachmentReference.Format(attachment.Sha256) }, Ct);
        }

        var intact = await LogbookVerification.VerifyAsync(database.Factory, Ct);
        Assert.True(intact.IsIntact);
        Assert.Equal(1, intact.AttachmentsChecked);

        await database.DropAppendOnlyTriggersAsync(Ct);
        var blob = provider == DatabaseProvider.Sqlite ? "X'FFD8010204'" : "'\\xFFD8010204'::bytea";
        Assert.Equal(1, await database.ExecuteRawAsync($"UPDATE logbook_attachments SET \"Content\" = {blob}", Ct));
        var altered = await LogbookVerification.VerifyAsync(database.Factory, Ct);
        Assert.Null(altered.FirstBreak);
        Assert.Equal((named.Id, attachment.Sha256, false), (altered.BrokenAttachment!.EntryId, altered.BrokenAttachment.Sha256, altered.BrokenAttachment.Missing));

        Assert.Equal(1, await database.ExecuteRawAsync("DELETE FROM logbook_attachments", Ct));
        Assert.True((await LogbookVerification.VerifyAsync(database.Factory, Ct)).BrokenAttachment!.Missing);
    }

    private static async Task<IReadOnlyList<LogbookEntry>> AppendThreeAsync(TestDatabase database)
    {
        using var writer = database.NewWriter();
        return await writer.AppendManyAsync([Drafts.Note("Ronde 1"), Drafts.Note("Ronde 2 : porte forcée"), Drafts.Note("Ronde 3")], Ct);
    }

    private static async Task<ChainBreak> FirstBreakAsync(TestDatabase database)
    {
        var report = await LogbookVerification.VerifyAsync(database.Factory, Ct);
        Assert.False(report.IsIntact);
        return report.FirstBreak!;
    }
}
