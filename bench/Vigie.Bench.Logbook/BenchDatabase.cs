using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.Storage.Database;
using Vigie.Storage.Model;

namespace Vigie.Bench.Logbook;

/// <summary>
/// A fresh, migrated Vigie database owned by the benchmark: a SQLite file in a new temporary folder or a
/// new PostgreSQL database beside the one the URL names. Disposing deletes it unless asked to keep it.
/// Besides the real log book it holds two "plain" tables with the same columns and indexes (no triggers
/// matter: they fire on UPDATE/DELETE only), where the baselines insert the same rows without the chain.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string PlainTable = "bench_plain_entries";
    public const string HashedTable = "bench_hashed_entries";

    private readonly string? _sqliteFolder;
    private readonly NpgsqlConnectionStringBuilder? _maintenance;
    private readonly string? _postgresDatabase;
    private readonly bool _keep;

    private BenchDatabase(DatabaseSettings settings, string? sqliteFolder, NpgsqlConnectionStringBuilder? maintenance, string? postgresDatabase, bool keep)
    {
        Settings = settings;
        Factory = new VigieDbFactory(settings);
        _sqliteFolder = sqliteFolder;
        _maintenance = maintenance;
        _postgresDatabase = postgresDatabase;
        _keep = keep;
    }

    public DatabaseSettings Settings { get; }

    public VigieDbFactory Factory { get; }

    public bool IsSqlite => Settings.Provider == DatabaseProvider.Sqlite;

    public static async Task<BenchDatabase> CreateAsync(string provider, string purpose, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        BenchDatabase database;
        if (provider == "sqlite")
        {
            var folder = Directory.CreateTempSubdirectory($"vigie-bench-{purpose}-").FullName;
            database = new BenchDatabase(DatabaseSettings.SqliteInFolder(folder), folder, null, null, options.Keep);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.PostgresUrl))
            {
                throw new ArgumentException("PostgreSQL needs --postgres URL (or VIGIE_BENCH_POSTGRES): the URL printed by scripts/start-postgres.sh.");
            }

            var maintenance = new NpgsqlConnectionStringBuilder(DatabaseSettings.Parse(options.PostgresUrl, ".").ConnectionString);
            var name = string.Create(CultureInfo.InvariantCulture, $"vigie_bench_{purpose}_{Guid.NewGuid():N}")[..40];
            await ExecuteAsync(new NpgsqlConnection(maintenance.ConnectionString), $"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
            var target = new NpgsqlConnectionStringBuilder(maintenance.ConnectionString) { Database = name };
            var settings = new DatabaseSettings(DatabaseProvider.Postgres, target.ConnectionString, $"PostgreSQL {target.Username}@{target.Host}:{target.Port}/{name}");
            database = new BenchDatabase(settings, null, maintenance, name, options.Keep);
        }

        await DatabaseMigrator.MigrateAsync(database.Factory, cancellationToken).ConfigureAwait(false);
        await database.CreatePlainTablesAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>A new, unopened connection of the provider, from the same pool settings the factory uses.</summary>
    public DbConnection NewConnection() =>
        IsSqlite ? new SqliteConnection(Settings.ConnectionString) : new NpgsqlConnection(Settings.ConnectionString);

    /// <summary>The durability settings in force, so that the report says what a commit costs.</summary>
    public async Task<string> DescribeDurabilityAsync(CancellationToken cancellationToken)
    {
        var query = IsSqlite
            ? "SELECT 'journal_mode=' || (SELECT journal_mode FROM pragma_journal_mode) || ', synchronous=' || (SELECT synchronous FROM pragma_synchronous)"
            : "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers', 'server_version')";
        await using var connection = NewConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return $"{Settings.Description}: {value}";
    }

    /// <summary>Makes the planner statistics and visibility map current, as autovacuum would on a live server.</summary>
    public async Task AnalyseAsync(CancellationToken cancellationToken)
    {
        var sql = IsSqlite ? "ANALYZE" : $"VACUUM ANALYZE {VigieDbContext.LogbookTable}";
        await ExecuteAsync(NewConnection(), sql, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreatePlainTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { PlainTable, HashedTable })
        {
            if (IsSqlite)
            {
                // SQLite has no CREATE TABLE ... LIKE: replay the migrated DDL of the table and its indexes.
                var statements = new List<string>();
                await using (var connection = NewConnection())
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT sql FROM sqlite_master WHERE tbl_name = '{VigieDbContext.LogbookTable}' AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        statements.Add(reader.GetString(0).Replace(VigieDbContext.LogbookTable, table, StringComparison.Ordinal));
                    }
                }

                await ExecuteAsync(NewConnection(), string.Join(";\n", statements), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ExecuteAsync(NewConnection(), $"CREATE TABLE {table} (LIKE {VigieDbContext.LogbookTable} INCLUDING ALL)", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            Console.WriteLine($"  kept {Settings.Description}");
            return;
        }

        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
        else if (_maintenance is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await DropPostgresDatabaseAsync(_maintenance).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// WITH (FORCE) cannot end an autovacuum worker that is still busy with the rows just written (the
    /// role lacks pg_signal_backend), so the drop is retried for a while; failing that, the database is
    /// named for a manual drop rather than throwing away the figures measured.
    /// </summary>
    private async Task DropPostgresDatabaseAsync(NpgsqlConnectionStringBuilder maintenance)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(new NpgsqlConnection(maintenance.ConnectionString), $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege || ex.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 30)
                {
                    await Console.Error.WriteLineAsync($"  could not drop database {_postgresDatabase} ({ex.MessageText}); drop it by hand.").ConfigureAwait(false);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System).ConfigureAwait(false);
            }
        }
    }
}
