using System.Data.Common;
using Vigie.Domain.Logbook;
using Vigie.Storage.Model;

namespace Vigie.Bench.Logbook;

/// <summary>
/// The baselines: raw ADO.NET on the same connection string, no EF Core. Inserts write exactly the columns
/// the log book writes (same values, same types as EF stores them); reads fetch the same columns with
/// the same WHERE/ORDER BY as the verifier and rebuild each entry, without hashing.
/// </summary>
public sealed class PlainRows
{
    private const string Columns = "\"Journal\", \"Sequence\", \"RecordedAt\", \"AuthorId\", \"AuthorName\", \"SiteId\", \"Category\", \"Text\", \"References\", \"CorrectsId\", \"PreviousHash\", \"Hash\"";
    private const string Parameters = "@journal, @sequence, @recorded, @author_id, @author_name, @site_id, @category, @text, @refs, @corrects, @previous, @hash";
    private const int ParameterCount = 12;

    private static readonly string[] Names = ["journal", "sequence", "recorded", "author_id", "author_name", "site_id", "category", "text", "refs", "corrects", "previous", "hash"];

    private readonly BenchDatabase _database;

    public PlainRows(BenchDatabase database)
    {
        _database = database;
    }

    /// <summary>One connection from the pool, one transaction, one INSERT: what a single append costs without EF and the chain.</summary>
    public async Task InsertOneAsync(string table, LogbookEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = _database.NewConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = CreateInsert(connection, table);
        command.Transaction = transaction;
        Bind(command.Parameters, entry);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Many rows in one transaction, done the fastest plain way each provider offers: one DbBatch round
    /// trip on PostgreSQL (as EF Core batches), one prepared statement re-executed on SQLite (in-process).
    /// </summary>
    public async Task InsertManyAsync(string table, IReadOnlyList<LogbookEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = _database.NewConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var entry in entries)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = InsertSql(table);
                for (var i = 0; i < ParameterCount; i++)
                {
                    command.Parameters.Add(command.CreateParameter());
                }

                Bind(command.Parameters, entry);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var command = CreateInsert(connection, table);
            command.Transaction = transaction;
            foreach (var entry in entries)
            {
                Bind(command.Parameters, entry);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every entry of every journal in sequence order and rebuilds it; returns how many were read.</summary>
    public async Task<long> ReadAllAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await using var connection = _database.NewConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var journal in Enum.GetValues<Journal>())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"Id\", {Columns} FROM {VigieDbContext.LogbookTable} WHERE \"Journal\" = @journal ORDER BY \"Sequence\"";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "journal";
            parameter.Value = (int)journal;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var recordedAt = _database.IsSqlite
                    ? new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)
                    : reader.GetFieldValue<DateTimeOffset>(3);
                var entry = LogbookEntry.FromStored(
                    reader.GetInt64(0), (Journal)reader.GetInt32(1), reader.GetInt64(2), recordedAt,
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetInt64(10), reader.GetString(11), reader.GetString(12));
                count += entry.Sequence > 0 ? 1 : 0;
            }
        }

        return count;
    }

    private static string InsertSql(string table) => $"INSERT INTO {table} ({Columns}) VALUES ({Parameters})";

    private static DbCommand CreateInsert(DbConnection connection, string table)
    {
        var command = connection.CreateCommand();
        command.CommandText = InsertSql(table);
        foreach (var name in Names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Binds in <see cref="Columns"/> order; batch commands get their names here too.</summary>
    private void Bind(DbParameterCollection parameters, LogbookEntry entry)
    {
        object?[] values =
        [
            (int)entry.Journal,
            entry.Sequence,
            _database.IsSqlite ? entry.RecordedAt.UtcTicks : entry.RecordedAt,
            Guid(entry.AuthorId),
            entry.AuthorName,
            Guid(entry.SiteId),
            entry.Category,
            entry.Text,
            entry.References,
            entry.CorrectsId,
            entry.PreviousHash,
            entry.Hash,
        ];
        for (var i = 0; i < ParameterCount; i++)
        {
            parameters[i].ParameterName = Names[i];
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>EF Core stores a Guid as upper-case text on SQLite and as uuid on PostgreSQL; do the same.</summary>
    private object? Guid(Guid? value) =>
        value is not { } guid ? null : _database.IsSqlite ? guid.ToString().ToUpperInvariant() : guid;
}
