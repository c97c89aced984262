using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vigie.Storage.Model;

namespace Vigie.Storage.Database;

/// <summary>Used by <c>dotnet ef migrations add</c> only: builds the SQLite context without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVigieDbContext>
{
    public SqliteVigieDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVigieDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Used by <c>dotnet ef migrations add</c> only: builds the PostgreSQL context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVigieDbContext>
{
    public PostgresVigieDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVigieDbContext>().UseNpgsql("Host=localhost;Database=vigie_design").Options);
}
