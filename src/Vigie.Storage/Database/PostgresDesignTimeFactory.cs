using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vigie.Storage.Model;

namespace Vigie.Storage.Database;

/// <summary>Used by <c>dotnet ef migrations add</c> only: builds the PostgreSQL context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVigieDbContext>
{
    public PostgresVigieDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVigieDbContext>().UseNpgsql("Host=localhost;Database=vigie_design").Options);
}
