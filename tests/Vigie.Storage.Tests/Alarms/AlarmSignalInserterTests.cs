using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Sites;
using Vigie.Storage.Alarms;
using Vigie.Storage.Database;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Alarms;

/// <summary>
/// The bulk path that stores alarm signals (prepared INSERT on SQLite, binary COPY on PostgreSQL) writes rows
/// that EF Core cannot tell from its own, so that the console's queries and the retransmission memory loaded
/// at start (same account, sequence and content within the window) read them; and a batch is all or nothing.
/// </summary>
public sealed class AlarmSignalInserterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset At = new(2026, 11, 29, 9, 30, 15, 123, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Bulk_inserted_signals_hold_exactly_the_column_values_ef_core_writes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var site = await AddSiteAsync(database);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.AlarmSignals.AddRange(Full(site), Bare());
            await db.SaveChangesAsync(Ct);
        }

        await AlarmSignalInserter.InsertAsync(database.Factory, [Full(site), Bare()], Ct);

        var rows = await ReadRowsAsync(database);
        Assert.Equal(4, rows.Count);
        Assert.Equal(rows[0], rows[2]);
        Assert.Equal(rows[1], rows[3]);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Bulk_inserted_signals_are_found_by_the_queries_of_the_console_and_of_the_retransmission_memory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var site = await AddSiteAsync(database);
        var signals = new[] { Full(site), Bare() };
        await AlarmSignalInserter.InsertAsync(database.Factory, signals, Ct);
        // A second batch after the first: each signal learns its stored id, as EF Core would set it.
        var later = Full(site);
        await AlarmSignalInserter.InsertAsync(database.Factory, [later], Ct);

        await using var db = database.Factory.CreateDbContext();
        Assert.Equal(await db.AlarmSignals.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(Ct), [signals[0].Id, signals[1].Id, later.Id]);
        Assert.True(signals[0].Id < signals[1].Id && signals[1].Id < later.Id);
        Assert.Equal("Défaut de transmission", (await db.AlarmSignals.AsNoTracking().SingleAsync(s => s.Id == signals[1].Id, Ct)).French);
        var since = At.AddMinutes(-10);
        // The query AlarmIntakeService runs at start to remember the last window's messages.
        var keys = await db.AlarmSignals.AsNoTracking()
            .Where(s => s.Source == "dc09" && s.MessageKey != null && s.ReceivedAt >= since)
            .Select(s => s.MessageKey)
            .ToListAsync(Ct);
        Assert.Equal(["1234/0042/SIA-DCS/#1234|Nri1/BA12", "1234/0042/SIA-DCS/#1234|Nri1/BA12"], keys);
        var ofSite = await db.AlarmSignals.AsNoTracking().Where(s => s.SiteId == site).OrderBy(s => s.Id).FirstAsync(Ct);
        Assert.Equal((AlarmCategory.Intrusion, "12", At.AddSeconds(-3), "https://cam.example/v/1"), (ofSite.Category, ofSite.Zone, ofSite.SentAt, ofSite.VerificationUrl));
        Assert.True((await db.AlarmSignals.AsNoTracking().SingleAsync(s => s.SiteId == null, Ct)).UnknownAccount);
        Assert.True(await db.AlarmSignals.AllAsync(s => s.Id > 0, Ct));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_batch_with_one_bad_signal_stores_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var site = await AddSiteAsync(database);

        // A site that does not exist breaks the foreign key of the last row.
        await Assert.ThrowsAnyAsync<DbException>(() => AlarmSignalInserter.InsertAsync(database.Factory, [Full(site), Bare(), Full(SiteId.New())], Ct));

        Assert.Equal(0L, Convert.ToInt64(await database.ScalarRawAsync("SELECT COUNT(*) FROM alarm_signals", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task One_writer_stores_batch_after_batch_on_its_connection_and_goes_on_after_a_batch_that_failed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var site = await AddSiteAsync(database);
        await using var writer = new AlarmSignalWriter(database.Factory);

        var first = new[] { Full(site), Bare() };
        await writer.WriteAsync(first, Ct);
        await Assert.ThrowsAnyAsync<DbException>(() => writer.WriteAsync([Full(site), Full(SiteId.New())], Ct));
        var after = new[] { Full(site), Bare(), Full(site) };
        await writer.WriteAsync(after, Ct);

        await using var db = database.Factory.CreateDbContext();
        var stored = await db.AlarmSignals.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(Ct);
        Assert.Equal(first.Concat(after).Select(s => s.Id), stored);
        Assert.Equal(["Défaut de transmission", "Défaut de transmission"], await db.AlarmSignals.AsNoTracking().Where(s => s.SiteId == null).Select(s => s.French).ToListAsync(Ct));
    }

    [Fact]
    public async Task On_sqlite_the_writer_checkpoints_the_log_in_the_background_and_gives_its_connection_back_as_it_found_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        // As the host's start makes it (DatabaseMigrator).
        Assert.Equal("wal", await database.ScalarRawAsync("PRAGMA journal_mode=WAL", Ct));
        var site = await AddSiteAsync(database);
        var writer = new AlarmSignalWriter(database.Factory);
        var batches = 3 * SqliteWalCheckpointer.StepRows / 100;
        for (var b = 0; b < batches; b++)
        {
            await writer.WriteAsync(Enumerable.Range(0, 100).Select(_ => Full(site)).ToArray(), Ct);
        }

        var checkpointer = writer.Checkpointer!;
        await writer.DisposeAsync();

        // A checkpoint ran off the writer's thread and copied the log's pages into the database.
        Assert.True(checkpointer.Last.Log > 0 && checkpointer.Last.Copied > 0, $"last checkpoint: {checkpointer.Last}");
        Assert.Equal(batches * 100L, Convert.ToInt64(await database.ScalarRawAsync("SELECT COUNT(*) FROM alarm_signals", Ct), System.Globalization.CultureInfo.InvariantCulture));
        // The pooled connection the writer used (the pool's only one) has SQLite's automatic checkpoint again.
        await using var pooled = new Microsoft.Data.Sqlite.SqliteConnection(database.Factory.Settings.ConnectionString);
        await pooled.OpenAsync(Ct);
        await using var command = pooled.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(1000L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<SiteId> AddSiteAsync(TestDatabase database)
    {
        await using var db = database.Factory.CreateDbContext();
        var site = new Site(SiteId.New(), "Entrepôt Nord", "Client", "1 rue du Port");
        db.Sites.Add(site);
        await db.SaveChangesAsync(Ct);
        return site.Id;
    }

    private static AlarmSignal Full(SiteId site) =>
        new("dc09", At, site, "1234", "BA", AlarmCategory.Intrusion, false, 2, "Intrusion zone 12", "Burglary zone 12", "\\n1F2E0040\"SIA-DCS\"0042L1#1234[#1234|Nri1/BA12]\\r")
        {
            Zone = "12", User = "3", Area = "1", SentAt = At.AddSeconds(-3), VerificationUrl = "https://cam.example/v/1", ExtendedData = "[X1.5][Y2.5]",
            MessageKey = "1234/0042/SIA-DCS/#1234|Nri1/BA12", Remote = "192.0.2.7:40000",
        };

    private static AlarmSignal Bare() =>
        new("supervision", At, null, null, "YC", AlarmCategory.TechnicalFault, true, 4, "Défaut de transmission", "Transmission fault", "{}") { UnknownAccount = true };

    /// <summary>Every column but the id, as the database returns it, row by row in insertion order.</summary>
    private static async Task<List<string>> ReadRowsAsync(TestDatabase database)
    {
        await using var connection = await database.OpenRawConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM alarm_signals ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            var values = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetName(i) != "Id")
                {
                    var value = reader.GetValue(i);
                    values.Add($"{reader.GetName(i)}={value.GetType().Name}:{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}");
                }
            }

            rows.Add(string.Join("; ", values));
        }

        return rows;
    }
}
