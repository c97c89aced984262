using System.Text;
using Microsoft.Data.Sqlite;
using Vigie.Storage.Database;

namespace Vigie.Storage.Tests.Database;

/// <summary>
/// What a person meets when the SQLite file is damaged or held by another program: one exception whose
/// message says what is wrong and what to do, not a raw SQLite error code.
/// </summary>
public sealed class StorageUnavailableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_as_not_a_readable_sqlite_database()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, Ct);
        var garbage = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a database, only noise. ", 256)));
        await File.WriteAllBytesAsync(database.SqlitePath, garbage, Ct);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => DatabaseMigrator.MigrateAsync(database.Factory, Ct));

        Assert.Contains("is not a readable SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(database.SqlitePath, error.Message, StringComparison.Ordinal);
    }

    // Each of these waits out SQLite's busy timeout (DatabaseSettings.DefaultTimeout, 10 s) before giving up.
    [Fact(Timeout = 120_000)]
    public async Task A_new_file_held_in_an_exclusive_transaction_is_reported_as_locked()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, Ct);
        await using var other = await database.OpenRawConnectionAsync(Ct);
        await ExecuteAsync(other, "CREATE TABLE other_tool (x INTEGER); BEGIN EXCLUSIVE;");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => DatabaseMigrator.MigrateAsync(database.Factory, Ct));

        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_migrated_database_held_in_an_exclusive_transaction_is_reported_as_locked()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await using var other = await database.OpenRawConnectionAsync(Ct);
        await ExecuteAsync(other, "BEGIN EXCLUSIVE;");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => DatabaseMigrator.MigrateAsync(new VigieDbFactory(database.Settings), Ct));

        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
