using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigie.Storage.Database;

/// <summary>
/// Which database Vigie uses. SQLite in the data folder by default; PostgreSQL when given a
/// <c>postgres://user:password@host:port/database</c> URL or an Npgsql connection string.
/// <see cref="Description"/> is safe to log: it never contains the password.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string Description)
{
    public const string SqliteFileName = "vigie.db";

    public static DatabaseSettings SqliteInFolder(string dataFolder)
    {
        var path = Path.GetFullPath(Path.Combine(dataFolder, SqliteFileName));
        return Sqlite(path);
    }

    public static DatabaseSettings Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        };
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ToString(), $"SQLite {path}");
    }

    /// <summary>Parses a <c>--db</c> value; null or empty means SQLite in <paramref name="dataFolder"/>.</summary>
    public static DatabaseSettings Parse(string? value, string dataFolder)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SqliteInFolder(dataFolder);
        }

        value = value.Trim();
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(Path.GetFullPath(value["sqlite:".Length..]));
        }

        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromPostgresUrl(value);
        }

        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString, Describe(builder));
        }

        throw new ArgumentException("The database must be postgres://user:password@host:port/database, sqlite:PATH or an Npgsql connection string.", nameof(value));
    }

    private static DatabaseSettings FromPostgresUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The PostgreSQL URL is not valid: expected postgres://user:password@host:port/database.", nameof(value));
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new ArgumentException("The PostgreSQL URL names no database.", nameof(value));
        }

        return new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString, Describe(builder));
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";

    public override string ToString() => Description;
}
