using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Storage.Tests.Database;

/// <summary>
/// A fresh, uniquely named database for one test: a SQLite file in its own temporary folder, or a new
/// PostgreSQL database on the test server. Disposing removes it, so tests never see each other's rows.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;

    private TestDatabase(DatabaseProvider provider, DatabaseSettings settings, string? folder)
    {
        Provider = provider;
        Settings = settings;
        Factory = new VigieDbFactory(settings);
        _folder = folder;
    }

    public DatabaseProvider Provider { get; }

    public DatabaseSettings Settings { get; }

    public VigieDbFactory Factory { get; }

    /// <summary>Path of the SQLite file (SQLite only).</summary>
    public string SqlitePath => new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;

    /// <summary>Creates the database and applies every migration, as the host does at start.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var database = await CreateEmptyAsync(provider, cancellationToken);
        try
        {
            await DatabaseMigrator.MigrateAsync(database.Factory, cancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "vigie-storage-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(provider, DatabaseSettings.SqliteInFolder(folder), folder);
        }

        var name = "vigie_test_" + Guid.NewGuid().ToString("N");
        var settings = await PostgresTestServer.CreateDatabaseAsync(name, cancellationToken);
        return new TestDatabase(provider, settings, folder: null);
    }

    public LogbookWriter NewWriter(TimeProvider? time = null, params ILogbookListener[] listeners) =>
        new(Factory, time ?? TimeProvider.System, listeners, NullLogger<LogbookWriter>.Instance);

    /// <summary>
    /// A plain ADO.NET connection of its own, outside EF and the pool, as another program (sqlite3, psql)
    /// would open: what it may or may not do is what the database itself enforces.
    /// </summary>
    public async Task<DbConnection> OpenRawConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs one statement on a raw connection; identifiers are double-quoted, which both databases accept.</summary>
    public async Task<int> ExecuteRawAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarRawAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>What someone with direct access to the database can do: remove the append-only guard.</summary>
    public Task DropAppendOnlyTriggersAsync(CancellationToken cancellationToken) => ExecuteRawAsync(
        Provider == DatabaseProvider.Sqlite
            ? "DROP TRIGGER logbook_entries_no_update; DROP TRIGGER logbook_entries_no_delete; DROP TRIGGER logbook_attachments_no_update; DROP TRIGGER logbook_attachments_no_delete;"
            : "DROP TRIGGER logbook_entries_no_update_delete ON logbook_entries; DROP TRIGGER logbook_attachments_no_update_delete ON logbook_attachments;",
        cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await PostgresTestServer.DropDatabaseAsync(Settings);
            return;
        }

        using (var connection = new SqliteConnection(Settings.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
