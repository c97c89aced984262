using System.Data.Common;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>
/// The database itself refuses to change or remove log book entries, whatever program connects to it:
/// these statements go through a plain connection, not through Vigie.
/// </summary>
public sealed class AppendOnlyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_database_refuses_to_update_an_entry(DatabaseProvider provider)
    {
        await using var database = await WithTwoEntriesAsync(provider);

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            database.ExecuteRawAsync("UPDATE logbook_entries SET \"Text\" = 'rewritten' WHERE \"Sequence\" = 1", Ct));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("Ronde 1", await database.ScalarRawAsync("SELECT \"Text\" FROM logbook_entries WHERE \"Sequence\" = 1", Ct));
        Assert.True((await LogbookVerification.VerifyAsync(database.Factory, Ct)).IsIntact);
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_database_refuses_to_delete_an_entry(DatabaseProvider provider)
    {
        await using var database = await WithTwoEntriesAsync(provider);

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            database.ExecuteRawAsync("DELETE FROM logbook_entries WHERE \"Sequence\" = 2", Ct));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(2L, Convert.ToInt64(await database.ScalarRawAsync("SELECT COUNT(*) FROM logbook_entries", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_database_refuses_to_empty_the_log_book(DatabaseProvider provider)
    {
        await using var database = await WithTwoEntriesAsync(provider);

        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync("DELETE FROM logbook_entries", Ct));

        Assert.Equal(2L, Convert.ToInt64(await database.ScalarRawAsync("SELECT COUNT(*) FROM logbook_entries", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PostgreSQL_refuses_to_truncate_the_log_book()
    {
        await using var database = await WithTwoEntriesAsync(DatabaseProvider.Postgres);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync("TRUNCATE logbook_entries", Ct));

        Assert.Contains("TRUNCATE refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(2L, await database.ScalarRawAsync("SELECT COUNT(*) FROM logbook_entries", Ct));
    }

    private static async Task<TestDatabase> WithTwoEntriesAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, Ct);
        using var writer = database.NewWriter();
        await writer.AppendAsync(Drafts.Note("Ronde 1"), Ct);
        await writer.AppendAsync(Drafts.Note("Ronde 2"), Ct);
        return database;
    }
}
