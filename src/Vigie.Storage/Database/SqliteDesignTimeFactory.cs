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
