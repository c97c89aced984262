using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Vigie.Storage.Database;

/// <summary>
/// Brings the database to the current schema at start. Turns the low-level failures a person can meet
/// (file is not a database, file locked by another process, server unreachable, wrong password) into one
/// <see cref="StorageUnavailableException"/> that says what happened and what to do.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(VigieDbFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var settings = factory.Settings;
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await PrepareSqliteAsync(settings, cancellationToken).ConfigureAwait(false);
            }

            await using var db = factory.CreateDbContext();
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new StorageUnavailableException(
                $"The database {settings.Description} is locked by another process (SQLite: {ex.Message}). Stop the other Vigie instance or tool using it, then start again.", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            throw new StorageUnavailableException(
                $"The database {settings.Description} is not a readable SQLite database (SQLite: {ex.Message}). Restore it from a backup, or move it aside to start on an empty database.", ex);
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException(
                $"The database {settings.Description} cannot be opened (SQLite error {ex.SqliteErrorCode}: {ex.Message}). Check that the data folder exists and is writable by this user.", ex);
        }
        catch (NpgsqlException ex)
        {
            throw new StorageUnavailableException(
                $"The database {settings.Description} cannot be reached or refused the connection ({ex.Message}). Check that PostgreSQL is running and the URL, user and password are right.", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException && ex.InnerException is SqliteException or NpgsqlException)
        {
            throw new StorageUnavailableException(
                $"The database {settings.Description} cannot be opened ({ex.InnerException!.Message}).", ex);
        }
    }

    /// <summary>WAL lets the verifier and readers run while the host writes; the check fails fast on a bad file.</summary>
    private static async Task PrepareSqliteAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        var directory = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA schema_version;";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
