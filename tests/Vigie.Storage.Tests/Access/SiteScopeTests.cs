using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Domain.Sites;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Model;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Access;

/// <summary>
/// <see cref="SiteScope"/> is the one filter "rows of the person's sites": a person assigned to some sites sees
/// their rows (and those without a site where these are shown to all), never another site's; administrators and
/// auditors see everything.
/// </summary>
public sealed class SiteScopeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Entities of the model that carry a site but are never listed through the scope, and why.</summary>
    private static readonly Dictionary<Type, string> Exempt = new()
    {
        [typeof(PersonSite)] = "the assignments themselves: read to build the actor, and with people by administrators only",
        [typeof(SiteContact)] = "owned by its site: loaded only with a site that was scoped or demanded",
        [typeof(IntakeSource)] = "intake sources serve several sites and are listed by administrators only",
        [typeof(IntakeSourceSite)] = "the sites of an intake source: loaded only with the source",
        [typeof(SiteProcedure)] = "a site's consignes: read for one site whose access is demanded first, or by the opener",
        [typeof(ZoneCamera)] = "a site's zone cameras: read for one site or one alarm whose access is demanded first",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_entity_that_carries_a_site_is_scoped_or_exempted_for_a_stated_reason()
    {
        using var db = ModelOnly();
        var carriers = db.Model.GetEntityTypes()
            .Where(e => e.FindPrimaryKey()?.Properties.Any(p => p.ClrType == typeof(SiteId)) == true
                || e.GetProperties().Any(p => p.ClrType == typeof(SiteId) || p.ClrType == typeof(SiteId?) || p.Name.EndsWith("SiteId", StringComparison.Ordinal)))
            .Select(e => e.ClrType)
            .ToHashSet();

        Assert.Empty(carriers.Except(SiteScope.ScopedTypes).Except(Exempt.Keys).Select(t => t.Name));
        Assert.Empty(SiteScope.ScopedTypes.Except(carriers).Select(t => t.Name));
        Assert.Empty(Exempt.Keys.Except(carriers).Select(t => t.Name));
    }

    [Fact]
    public void Listing_an_entity_the_scope_does_not_know_is_refused_rather_than_left_unfiltered()
    {
        using var db = ModelOnly();

        var refused = Assert.Throws<InvalidOperationException>(() => db.People.VisibleTo(Operator(SiteId.New())));

        Assert.Contains("Person", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_person_sees_the_rows_of_their_sites_and_those_without_a_site_never_another_sites(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (a, b) = await SeedAsync(database);

        var seen = await SeenAsync(database, Operator(a));

        Assert.Equal([a], seen.Sites);
        Assert.Equal([a], seen.Cameras);
        Assert.Equal([a], seen.Accounts);
        Assert.Equal([a.Value, null], seen.Signals);
        Assert.Equal([a.Value, null], seen.Entries);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_person_without_sites_sees_only_the_rows_without_a_site(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await SeedAsync(database);

        var seen = await SeenAsync(database, new Actor(PersonId.New(), "nouveau", "Nouveau", Role.Operator, new HashSet<SiteId>()));

        Assert.Empty(seen.Sites);
        Assert.Empty(seen.Cameras);
        Assert.Empty(seen.Accounts);
        Assert.Equal([null], seen.Signals);
        Assert.Equal([null], seen.Entries);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, Role.Administrator)]
    [InlineData(DatabaseProvider.Sqlite, Role.Auditor)]
    [InlineData(DatabaseProvider.Postgres, Role.Administrator)]
    [InlineData(DatabaseProvider.Postgres, Role.Auditor)]
    public async Task Administrators_and_auditors_see_every_site_without_being_assigned_any(DatabaseProvider provider, Role role)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (a, b) = await SeedAsync(database);

        var seen = await SeenAsync(database, new Actor(PersonId.New(), "chef", "Chef", role, new HashSet<SiteId>()));

        Assert.Equal(Sorted([a, b]), seen.Sites);
        Assert.Equal(Sorted([a, b]), seen.Cameras);
        Assert.Equal(Sorted([a, b]), seen.Accounts);
        Assert.Equal(3, seen.Signals.Count);
        Assert.Equal(3, seen.Entries.Count);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_supervisor_of_two_sites_sees_both(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (a, b) = await SeedAsync(database);

        var seen = await SeenAsync(database, new Actor(PersonId.New(), "sup", "Sup", Role.Supervisor, new HashSet<SiteId> { a, b }));

        Assert.Equal(Sorted([a, b]), seen.Sites);
        Assert.Equal(Sorted([a, b]), seen.Cameras);
        Assert.Equal(3, seen.Entries.Count);
    }

    /// <summary>A context for reading the model: SQLite in memory, never opened.</summary>
    private static SqliteVigieDbContext ModelOnly() =>
        new(new DbContextOptionsBuilder<SqliteVigieDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static Actor Operator(SiteId site) => new(PersonId.New(), "op", "Opérateur", Role.Operator, new HashSet<SiteId> { site });

    private static List<SiteId> Sorted(IEnumerable<SiteId> sites) => [.. sites.OrderBy(s => s.Value)];

    /// <summary>Two sites, each with a camera, a transmitter account, a signal and a log book entry; one signal and one entry without a site.</summary>
    private static async Task<(SiteId A, SiteId B)> SeedAsync(TestDatabase database)
    {
        var a = new Site(SiteId.New(), "Gare", "SNCF", "Quai");
        var b = new Site(SiteId.New(), "Mairie", "Ville", "Place");
        await using (var db = database.Factory.CreateDbContext())
        {
            db.Sites.AddRange(a, b);
            db.Cameras.AddRange(new Camera(CameraId.New(), a.Id, "Quai 1", "rtsp://127.0.0.1:8554/a"), new Camera(CameraId.New(), b.Id, "Hall", "rtsp://127.0.0.1:8554/b"));
            db.TransmitterAccounts.AddRange(new TransmitterAccount("A001", a.Id, null, null, At), new TransmitterAccount("B001", b.Id, null, null, At));
            db.AlarmSignals.AddRange(Signal(a.Id), Signal(b.Id), Signal(null));
            await db.SaveChangesAsync(Ct);
        }

        using var writer = database.NewWriter();
        foreach (var site in new SiteId?[] { a.Id, b.Id, null })
        {
            await writer.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Information, "Ronde", site, PersonId.New(), "Camille Martin"), Ct);
        }

        return (a.Id, b.Id);
    }

    private static AlarmSignal Signal(SiteId? site) =>
        new("dc09", At, site, site is null ? "FFFF" : "A001", "BA", AlarmCategory.Intrusion, false, 2, "Intrusion", "Burglary", "raw") { UnknownAccount = site is null };

    private static async Task<Seen> SeenAsync(TestDatabase database, Actor actor)
    {
        await using var db = database.Factory.CreateDbContext();
        return new Seen(
            Sorted(await db.Sites.VisibleTo(actor).Select(s => s.Id).ToListAsync(Ct)),
            Sorted(await db.Cameras.VisibleTo(actor).Select(c => c.SiteId).ToListAsync(Ct)),
            Sorted(await db.TransmitterAccounts.VisibleTo(actor).Select(t => t.SiteId).ToListAsync(Ct)),
            [.. (await db.AlarmSignals.VisibleTo(actor).Select(s => s.SiteId).ToListAsync(Ct)).Select(s => s?.Value).OrderBy(s => s is null).ThenBy(s => s)],
            [.. (await db.LogbookEntries.VisibleTo(actor).Where(e => e.Journal == Journal.MainCourante).Select(e => e.SiteId).ToListAsync(Ct)).OrderBy(s => s is null).ThenBy(s => s)]);
    }

    private sealed record Seen(List<SiteId> Sites, List<SiteId> Cameras, List<SiteId> Accounts, List<Guid?> Signals, List<Guid?> Entries);
}
