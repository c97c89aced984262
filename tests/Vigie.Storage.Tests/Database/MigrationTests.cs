using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Domain.Sites;
using Vigie.Storage.Database;

namespace Vigie.Storage.Tests.Database;

public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Migrations_bring_a_fresh_database_to_the_current_schema(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider, Ct);

        await DatabaseMigrator.MigrateAsync(database.Factory, Ct);

        await using var db = database.Factory.CreateDbContext();
        var applied = (await db.Database.GetAppliedMigrationsAsync(Ct)).ToList();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Contains(applied, m => m.EndsWith("_LogbookAppendOnly", StringComparison.Ordinal));
        Assert.Equal(0, await db.LogbookEntries.CountAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Migrating_an_up_to_date_database_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);

        await DatabaseMigrator.MigrateAsync(database.Factory, Ct);

        await using var db = database.Factory.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_person_and_the_sites_assigned_to_them_survive_a_round_trip(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var site = new Site(SiteId.New(), "Entrepôt Nord", "Logistique SA", "1 rue du Port");
        var person = new Person(PersonId.New(), "C.Martin", "Camille Martin", Role.Operator);
        person.SetCard("CAR-075-2031", new DateOnly(2031, 1, 1));
        person.AssignSites([site.Id]);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.Sites.Add(site);
            db.People.Add(person);
            await db.SaveChangesAsync(Ct);
        }

        await using var reader = database.Factory.CreateDbContext();
        var loaded = await reader.People.SingleAsync(p => p.UserName == "c.martin", Ct);

        Assert.Equal(Role.Operator, loaded.Role);
        Assert.Equal([site.Id], loaded.SiteIds);
        Assert.Equal(new DateOnly(2031, 1, 1), loaded.CardExpiry);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_site_its_prefectoral_authorisation_and_its_contacts_survive_a_round_trip(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var site = new Site(SiteId.New(), "Port autonome", "Grand Port Maritime", "Quai de la Joliette, Marseille");
        site.SetAuthorisation("AP-13-2024-0042", new DateOnly(2029, 6, 30), "Quais 1 à 4, 12 caméras");
        site.ReplaceContacts(
        [
            new SiteContact("Gardien de nuit", "Gardiennage", "+33 4 91 00 00 02", string.Empty, isKeyholder: true, callOrder: 2),
            new SiteContact("Directeur sûreté", "Direction", "+33 4 91 00 00 01", "surete@port.example", isKeyholder: false, callOrder: 1),
        ]);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.Sites.Add(site);
            await db.SaveChangesAsync(Ct);
        }

        await using var reader = database.Factory.CreateDbContext();
        var loaded = await reader.Sites.SingleAsync(s => s.Id == site.Id, Ct);

        Assert.Equal(("AP-13-2024-0042", new DateOnly(2029, 6, 30), "Quais 1 à 4, 12 caméras"),
            (loaded.AuthorisationNumber, loaded.AuthorisationExpiry, loaded.AuthorisationPerimeter));
        var contacts = loaded.Contacts.OrderBy(c => c.CallOrder).ToList();
        Assert.Equal(["Directeur sûreté", "Gardien de nuit"], contacts.Select(c => c.Name));
        Assert.Equal([1, 2], contacts.Select(c => c.CallOrder));
        Assert.Equal([false, true], contacts.Select(c => c.IsKeyholder));
        Assert.Equal("surete@port.example", contacts[0].Email);
    }
}
