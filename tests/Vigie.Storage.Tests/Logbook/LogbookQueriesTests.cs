using Microsoft.Extensions.Time.Testing;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>
/// Reads through an actor's scope. The log book holds, one hour apart from 08:00 UTC: an incident on
/// site A by Camille, a note on site B by Hugo, a site-less system note, a note on site A by Hugo, and
/// an audit entry that must never show in the main courante.
/// </summary>
public sealed class LogbookQueriesTests
{
    private static readonly DateTimeOffset Eight = new(2026, 3, 14, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task An_operator_gets_the_entries_of_its_sites_and_those_without_a_site(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        var texts = await ListAsync(database, ActorWith(Role.Operator, Drafts.SiteA), new LogbookFilter());

        Assert.Equal(["A by Hugo", "system", "A incident by Camille"], texts);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task An_operator_asking_for_another_site_gets_nothing(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        var texts = await ListAsync(database, ActorWith(Role.Operator, Drafts.SiteA), new LogbookFilter(SiteId: Drafts.SiteB.Value));

        Assert.Empty(texts);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task An_operator_opening_an_entry_of_another_site_is_denied(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);
        await using var db = database.Factory.CreateDbContext();
        var admin = ActorWith(Role.Administrator);
        var onSiteB = (await LogbookQueries.ListAsync(db, admin, Journal.MainCourante, new LogbookFilter(SiteId: Drafts.SiteB.Value), Ct)).Single();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            LogbookQueries.FindAsync(db, ActorWith(Role.Operator, Drafts.SiteA), Journal.MainCourante, onSiteB.Id, Ct));
        Assert.NotNull(await LogbookQueries.FindAsync(db, ActorWith(Role.Operator, Drafts.SiteB), Journal.MainCourante, onSiteB.Id, Ct));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Administrators_and_auditors_get_every_site(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        Assert.Equal(4, (await ListAsync(database, ActorWith(Role.Administrator), new LogbookFilter())).Count);
        Assert.Equal(4, (await ListAsync(database, ActorWith(Role.Auditor), new LogbookFilter())).Count);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_category_filter_keeps_only_that_category(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        var texts = await ListAsync(database, ActorWith(Role.Administrator), new LogbookFilter(Category: LogbookCategory.Incident));

        Assert.Equal(["A incident by Camille"], texts);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_author_filter_matches_part_of_the_name_whatever_the_case(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        var texts = await ListAsync(database, ActorWith(Role.Administrator), new LogbookFilter(Author: " hUGo "));

        Assert.Equal(["A by Hugo", "B by Hugo"], texts);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_date_filter_includes_its_start_and_excludes_its_end(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        var texts = await ListAsync(database, ActorWith(Role.Administrator), new LogbookFilter(From: Eight.AddHours(1), To: Eight.AddHours(3)));

        Assert.Equal(["system", "B by Hugo"], texts);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Paging_returns_the_newest_first_and_continues_before_a_given_id(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);
        var admin = ActorWith(Role.Administrator);
        await using var db = database.Factory.CreateDbContext();

        var page1 = await LogbookQueries.ListAsync(db, admin, Journal.MainCourante, new LogbookFilter(Limit: 2), Ct);
        var page2 = await LogbookQueries.ListAsync(db, admin, Journal.MainCourante, new LogbookFilter(Limit: 2, BeforeId: page1[^1].Id), Ct);

        Assert.Equal(["A by Hugo", "system"], page1.Select(e => e.Text));
        Assert.Equal(["B by Hugo", "A incident by Camille"], page2.Select(e => e.Text));
    }

    private static async Task<TestDatabase> SeedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, Ct);
        var clock = new FakeTimeProvider(Eight);
        using var writer = database.NewWriter(clock);
        LogbookDraft[] drafts =
        [
            Drafts.Note("A incident by Camille", Drafts.SiteA, LogbookCategory.Incident, "Camille Martin"),
            Drafts.Note("B by Hugo", Drafts.SiteB, author: "Hugo Bernard"),
            Drafts.Note("system", category: LogbookCategory.System, author: "Vigie"),
            Drafts.Note("A by Hugo", Drafts.SiteA, author: "Hugo Bernard"),
            Drafts.Audit("A by Hugo"),
        ];
        foreach (var draft in drafts)
        {
            await writer.AppendAsync(draft, Ct);
            clock.Advance(TimeSpan.FromHours(1));
        }

        return database;
    }

    private static async Task<List<string>> ListAsync(TestDatabase database, Actor actor, LogbookFilter filter)
    {
        await using var db = database.Factory.CreateDbContext();
        var entries = await LogbookQueries.ListAsync(db, actor, Journal.MainCourante, filter, Ct);
        return entries.Select(e => e.Text).ToList();
    }

    private static Actor ActorWith(Role role, params SiteId[] sites) =>
        new(PersonId.New(), role.ToString().ToLowerInvariant(), role.ToString(), role, sites.ToHashSet());
}
