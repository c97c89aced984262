using Microsoft.EntityFrameworkCore;

namespace Vigie.Storage.Model;

/// <summary>
/// The SQLite flavour. SQLite cannot compare or sort <see cref="DateTimeOffset"/> stored as text, so
/// instants are stored as UTC ticks (an order-preserving integer).
/// </summary>
public sealed class SqliteVigieDbContext(DbContextOptions<SqliteVigieDbContext> options) : VigieDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
