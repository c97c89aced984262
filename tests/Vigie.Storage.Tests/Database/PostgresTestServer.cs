using Npgsql;
using Vigie.Storage.Database;

namespace Vigie.Storage.Tests.Database;

/// <summary>
/// The PostgreSQL server the tests run against, named by <c>VIGIE_TEST_POSTGRES</c> (a postgres:// URL of a
/// role that may create databases). Without it the PostgreSQL tests fail: a silent pass would hide that
/// half of the storage behaviour was never checked.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "VIGIE_TEST_POSTGRES";

    /// <summary>Connection string of the maintenance database, where test databases are created and dropped.</summary>
    public static string AdminConnectionString()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL storage tests cannot run. Start the test server and export its URL: " +
                $"export {Variable}=\"$(scripts/start-postgres.sh)\" — or run scripts/test-all.sh, which does both.");
        }

        return DatabaseSettings.Parse(url, dataFolder: ".").ConnectionString;
    }

    public static async Task<DatabaseSettings> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var admin = AdminConnectionString();
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return DatabaseSettings.Parse(builder.ConnectionString, dataFolder: ".");
    }

    /// <summary>Drops the database even if a pooled or leaked connection is still open on it.</summary>
    public static async Task DropDatabaseAsync(DatabaseSettings settings)
    {
        await using (var connection = new NpgsqlConnection(settings.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database;
        // FORCE cannot end a backend of another role, such as an autovacuum worker that a busy shared server
        // sends to a fresh database now and then (42501); it leaves after its pass, so try again shortly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(AdminConnectionString(), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        // No pooling: the maintenance connection must not linger and block a later DROP DATABASE.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
