using Vigie.Storage.Database;

namespace Vigie.Storage.Tests.Database;

/// <summary>
/// Theory data that runs a storage test once on SQLite and once on PostgreSQL: Vigie ships both, and
/// their triggers, types and locking differ, so every storage behaviour is proven on each.
/// </summary>
public sealed class BothProviders : TheoryData<DatabaseProvider>
{
    public BothProviders()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}
