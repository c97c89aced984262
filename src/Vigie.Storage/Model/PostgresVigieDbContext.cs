using Microsoft.EntityFrameworkCore;

namespace Vigie.Storage.Model;

/// <summary>The PostgreSQL flavour; instants map to <c>timestamptz</c>.</summary>
public sealed class PostgresVigieDbContext(DbContextOptions<PostgresVigieDbContext> options) : VigieDbContext(options);
