using Microsoft.EntityFrameworkCore;
using Vigie.Storage.Model;

namespace Vigie.Storage.Database;

/// <summary>Creates contexts of the configured provider. Thread-safe; one per process.</summary>
public sealed class VigieDbFactory : IDbContextFactory<VigieDbContext>
{
    private readonly DbContextOptions<SqliteVigieDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresVigieDbContext>? _postgres;

    public VigieDbFactory(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            _sqlite = new DbContextOptionsBuilder<SqliteVigieDbContext>()
                .UseSqlite(settings.ConnectionString)
                .Options;
        }
        else
        {
            _postgres = new DbContextOptionsBuilder<PostgresVigieDbContext>()
                .UseNpgsql(settings.ConnectionString)
                .Options;
        }
    }

    public DatabaseSettings Settings { get; }

    public VigieDbContext CreateDbContext() =>
        _sqlite is not null ? new SqliteVigieDbContext(_sqlite) : new PostgresVigieDbContext(_postgres!);
}
