using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigie.Storage.Model;

namespace Vigie.Storage.Database;

/// <summary>Creates contexts of the configured provider. Thread-safe; one per process.</summary>
public sealed class VigieDbFactory : IDbContextFactory<VigieDbContext>
{
    private readonly DbContextOptions<SqliteVigieDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresVigieDbContext>? _postgres;

    /// <param name="interceptors">EF interceptors for every context; the host has none, tests record the SQL with one.</param>
    public VigieDbFactory(DatabaseSettings settings, IReadOnlyList<IInterceptor>? interceptors = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        interceptors ??= [];
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            _sqlite = new DbContextOptionsBuilder<SqliteVigieDbContext>()
                .UseSqlite(settings.ConnectionString)
                .AddInterceptors(interceptors)
                .Options;
        }
        else
        {
            _postgres = new DbContextOptionsBuilder<PostgresVigieDbContext>()
                .UseNpgsql(settings.ConnectionString)
                .AddInterceptors(interceptors)
                .Options;
        }
    }

    public DatabaseSettings Settings { get; }

    public VigieDbContext CreateDbContext() =>
        _sqlite is not null ? new SqliteVigieDbContext(_sqlite) : new PostgresVigieDbContext(_postgres!);
}
