namespace Vigie.Storage.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
