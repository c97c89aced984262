using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Domain.Recordings;
using Vigie.Domain.Sites;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

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
        Assert.EndsWith("_Initial", applied[0], StringComparison.Ordinal);
        // The append-only guards (once their own migration, now part of the initial one) are in the database.
        Assert.Equal(AppendOnlyGuards(provider), await GuardsInDatabaseAsync(database, provider));
        Assert.Equal(0, await db.LogbookEntries.CountAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_migrations_describe_the_whole_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);

        await using var db = database.Factory.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: add one (decision 0003).");
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Every_evidence_table_refuses_to_change_or_lose_a_row_whatever_the_client(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await AddOneRowToEachEvidenceTableAsync(database);

        foreach (var (table, column) in EvidenceTables)
        {
            var update = await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync($"UPDATE {table} SET \"{column}\" = \"{column}\"", Ct));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync($"DELETE FROM {table}", Ct));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
            if (provider == DatabaseProvider.Postgres)
            {
                // CASCADE: as a client that means it would, past the foreign keys of the tables that reference it (alarms
                // reference their signals); the table's own trigger must refuse it all the same.
                var truncate = await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync($"TRUNCATE {table} CASCADE", Ct));
                Assert.Contains("TRUNCATE refused", truncate.Message, StringComparison.Ordinal);
            }

            Assert.Equal(1L, Convert.ToInt64(await database.ScalarRawAsync($"SELECT COUNT(*) FROM {table}", Ct), CultureInfo.InvariantCulture));
        }
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

    /// <summary>The tables that hold evidence, each with a column to try to rewrite.</summary>
    private static readonly (string Table, string Column)[] EvidenceTables =
    [
        ("logbook_entries", "Text"),
        ("logbook_attachments", "FileName"),
        ("purge_log", "Path"),
        ("alarm_signals", "Raw"),
    ];

    /// <summary>The triggers (and, on PostgreSQL, their functions) that make the evidence tables append-only, and the extraction register undeletable.</summary>
    private static string[] AppendOnlyGuards(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ?
        [
            "access_requests_no_delete", "alarm_signals_no_delete", "alarm_signals_no_update", "extractions_no_delete", "fault_ticket_steps_no_delete", "fault_tickets_no_delete", "logbook_attachments_no_delete", "logbook_attachments_no_update",
            "logbook_entries_no_delete", "logbook_entries_no_update", "purge_log_no_delete", "purge_log_no_update",
        ]
        :
        [
            "access_requests_no_delete", "access_requests_no_truncate", "access_requests_refuse_delete()",
            "alarm_signals_no_truncate", "alarm_signals_no_update_delete", "alarm_signals_refuse_change()",
            "extractions_no_delete", "extractions_no_truncate", "extractions_refuse_delete()",
            "fault_ticket_steps_no_delete", "fault_ticket_steps_no_truncate", "fault_tickets_no_delete", "fault_tickets_no_truncate", "fault_tickets_refuse_delete()",
            "logbook_attachments_no_truncate", "logbook_attachments_no_update_delete", "logbook_attachments_refuse_change()",
            "logbook_entries_no_truncate", "logbook_entries_no_update_delete", "logbook_entries_refuse_change()",
            "purge_log_no_truncate", "purge_log_no_update_delete", "purge_log_refuse_change()",
        ];

    private static async Task<string[]> GuardsInDatabaseAsync(TestDatabase database, DatabaseProvider provider)
    {
        await using var connection = await database.OpenRawConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            : "SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal UNION ALL SELECT proname || '()' FROM pg_proc WHERE pronamespace = 'public'::regnamespace";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static async Task AddOneRowToEachEvidenceTableAsync(TestDatabase database)
    {
        var at = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
        var site = new Site(SiteId.New(), "Gare", "SNCF", "Quai");
        var camera = new Camera(CameraId.New(), site.Id, "Quai 1", "rtsp://127.0.0.1:8554/cam1");
        await using (var db = database.Factory.CreateDbContext())
        {
            db.Sites.Add(site);
            db.Cameras.Add(camera);
            var segment = new RecordingSegment(camera.Id, at, at.AddSeconds(60), "a/1.mp4", 1000, 1500, 60, "h264", 1280, 720);
            db.PurgeLog.Add(new PurgeRecord(segment, PurgeReason.RetentionExpired, at.AddDays(31)));
            db.AlarmSignals.Add(new AlarmSignal("dc09", at, site.Id, "1234", "BA", AlarmCategory.Intrusion, false, 2, "Intrusion zone 12", "Burglary zone 12", "raw"));
            await db.SaveChangesAsync(Ct);
        }

        await LogbookAttachmentStore.StoreAsync(database.Factory, new LogbookAttachment([0xFF, 0xD8, 1, 2, 3], "image/jpeg", "quai.jpg", at), Ct);
        using var writer = database.NewWriter();
        await writer.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Information, "Ronde", site.Id, PersonId.New(), "Camille Martin"), Ct);
    }
}
