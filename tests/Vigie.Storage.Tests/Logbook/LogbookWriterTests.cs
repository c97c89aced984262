using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Logbook;

public sealed class LogbookWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Appended_entries_form_one_chain_per_journal_that_verifies_intact(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        // Sub-microsecond ticks: the stored instant must still hash like the one that was chained.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 21, 59, 59, TimeSpan.Zero).AddTicks(1_234_567));
        using var writer = database.NewWriter(clock);

        var written = new List<LogbookEntry>();
        foreach (var draft in new[] { Drafts.Note("Prise de poste"), Drafts.Audit("sign-in"), Drafts.Note("Ronde 1", Drafts.SiteA), Drafts.Audit("sign-in"), Drafts.Note("Ronde 2", Drafts.SiteB) })
        {
            written.Add(await writer.AppendAsync(draft, Ct));
            clock.Advance(TimeSpan.FromSeconds(1.0000003));
        }

        var notes = written.Where(e => e.Journal == Journal.MainCourante).ToList();
        Assert.Equal([1L, 2L, 3L], notes.Select(e => e.Sequence));
        Assert.Equal(ChainHead.Genesis.Hash, notes[0].PreviousHash);
        Assert.Equal(notes[0].Hash, notes[1].PreviousHash);
        Assert.Equal(notes[1].Hash, notes[2].PreviousHash);
        Assert.Equal([1L, 2L], written.Where(e => e.Journal == Journal.Audit).Select(e => e.Sequence));

        var report = await LogbookVerification.VerifyAsync(database.Factory, Ct);
        Assert.True(report.IsIntact, report.FirstBreak?.Describe());
        Assert.Equal(3, report.Checked[Journal.MainCourante]);
        Assert.Equal(2, report.Checked[Journal.Audit]);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_new_writer_continues_the_chain_an_earlier_one_left(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using (var first = database.NewWriter())
        {
            await first.AppendAsync(Drafts.Note("Avant redémarrage"), Ct);
            await first.AppendAsync(Drafts.Note("Avant redémarrage, suite"), Ct);
        }

        using var second = database.NewWriter();
        var entry = await second.AppendAsync(Drafts.Note("Après redémarrage"), Ct);

        Assert.Equal(3, entry.Sequence);
        Assert.True((await LogbookVerification.VerifyAsync(database.Factory, Ct)).IsIntact);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_correction_points_at_an_existing_entry_of_the_same_journal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var writer = database.NewWriter();
        var original = await writer.AppendAsync(Drafts.Note("Portail ouvert à 22h10"), Ct);

        var correction = await writer.AppendAsync(Drafts.Note("Correction : portail ouvert à 22h01") with { CorrectsId = original.Id }, Ct);

        Assert.Equal(original.Id, correction.CorrectsId);
        await using var db = database.Factory.CreateDbContext();
        var stored = await db.LogbookEntries.AsNoTracking().SingleAsync(e => e.Id == original.Id, Ct);
        Assert.Equal("Portail ouvert à 22h10", stored.Text);
        Assert.True((await LogbookVerification.VerifyAsync(database.Factory, Ct)).IsIntact);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_correction_of_an_entry_that_does_not_exist_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var writer = database.NewWriter();
        var entry = await writer.AppendAsync(Drafts.Note("Ronde"), Ct);

        var error = await Assert.ThrowsAsync<DomainException>(() => writer.AppendAsync(Drafts.Note("Correction") with { CorrectsId = entry.Id + 1000 }, Ct));

        Assert.Equal("logbook.corrected_entry_unknown", error.Code);
        Assert.Equal(1, await CountAsync(database));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_correction_cannot_point_at_an_entry_of_another_journal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        using var writer = database.NewWriter();
        var audit = await writer.AppendAsync(Drafts.Audit("sign-in"), Ct);

        var error = await Assert.ThrowsAsync<DomainException>(() => writer.AppendAsync(Drafts.Note("Correction") with { CorrectsId = audit.Id }, Ct));

        Assert.Equal("logbook.corrected_entry_unknown", error.Code);
        Assert.Equal(1, await CountAsync(database));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_batch_with_one_invalid_entry_writes_none_of_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var listener = new RecordingListener();
        using var writer = database.NewWriter(listeners: [listener]);

        await Assert.ThrowsAsync<DomainException>(() => writer.AppendManyAsync([Drafts.Note("Valide"), Drafts.Note("Aussi") with { CorrectsId = 999_999 }], Ct));
        await Assert.ThrowsAsync<DomainException>(() => writer.AppendManyAsync([Drafts.Note("Valide"), Drafts.Note("   ")], Ct));

        Assert.Equal(0, await CountAsync(database));
        Assert.Empty(listener.Heard);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Listeners_hear_of_each_entry_once_it_is_stored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var listener = new RecordingListener();
        using var writer = database.NewWriter(listeners: [listener]);

        var written = await writer.AppendManyAsync([Drafts.Note("Un"), Drafts.Note("Deux")], Ct);

        Assert.Equal(written.Select(e => e.Id), listener.Heard.Select(e => e.Id));
        Assert.All(listener.Heard, e => Assert.True(e.Id > 0));
    }

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.Factory.CreateDbContext();
        return await db.LogbookEntries.CountAsync(Ct);
    }
}
