using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Vigie.Domain.Alarms;
using Vigie.Storage.Database;
using Vigie.Storage.Model;

namespace Vigie.Storage.Alarms;

/// <summary>
/// Appends a batch of alarm signals in one durable commit, on the connection of a Vigie context but without
/// EF Core's change tracking and per-row command building, which cost most of the time at thousands of
/// signals a second (see docs/benchmarks.md, "Alarm intake"). The values written are exactly those EF Core
/// writes (SQLite: instants as UTC ticks, the category's name; PostgreSQL: timestamptz), so that every
/// query of the model reads these rows as its own. SQLite: one prepared INSERT re-executed per row in one
/// transaction. PostgreSQL: one binary COPY, which commits as a single statement.
/// </summary>
public static class AlarmSignalInserter
{
    private static readonly string[] Columns =
    [
        "Source", "ReceivedAt", "SiteId", "Account", "Code", "Category", "IsRestore", "Priority", "French", "English", "Zone",
        "User", "Area", "SentAt", "VerificationUrl", "ExtendedData", "Raw", "MessageKey", "Remote", "UnknownAccount",
    ];

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => $"\"{c}\""));

    private static readonly string SqliteInsert =
        $"INSERT INTO {VigieDbContext.AlarmSignalsTable} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";

    private static readonly string PostgresCopy = $"COPY {VigieDbContext.AlarmSignalsTable} ({ColumnList}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Returns once the signals are committed; throws (and nothing is stored) otherwise.</summary>
    public static async Task InsertAsync(VigieDbFactory factory, IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return;
        }

        await using var db = factory.CreateDbContext();
        // Opened through EF Core, so that its set-up of the connection applies (SQLite: foreign keys on).
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        try
        {
            if (connection is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, signals, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Insert((SqliteConnection)connection, signals);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static void Insert(SqliteConnection connection, IReadOnlyList<AlarmSignal> signals)
    {
        // Microsoft.Data.Sqlite's async methods run synchronously anyway; the batcher's writer owns this thread.
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteInsert;
        var p = new SqliteParameter[Columns.Length];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = command.Parameters.Add($"$p{i}", SqliteType.Text);
        }

        p[1].SqliteType = p[6].SqliteType = p[7].SqliteType = p[13].SqliteType = p[19].SqliteType = SqliteType.Integer;
        command.Prepare();
        foreach (var s in signals)
        {
            p[0].Value = s.Source;
            p[1].Value = s.ReceivedAt.UtcTicks;
            // EF Core's SQLite provider stores a Guid as upper-case text.
            p[2].Value = s.SiteId is { } site ? site.Value.ToString().ToUpperInvariant() : DBNull.Value;
            p[3].Value = (object?)s.Account ?? DBNull.Value;
            p[4].Value = s.Code;
            p[5].Value = s.Category.ToString();
            p[6].Value = s.IsRestore ? 1 : 0;
            p[7].Value = s.Priority;
            p[8].Value = s.French;
            p[9].Value = s.English;
            p[10].Value = (object?)s.Zone ?? DBNull.Value;
            p[11].Value = (object?)s.User ?? DBNull.Value;
            p[12].Value = (object?)s.Area ?? DBNull.Value;
            p[13].Value = s.SentAt is { } sent ? sent.UtcTicks : DBNull.Value;
            p[14].Value = (object?)s.VerificationUrl ?? DBNull.Value;
            p[15].Value = (object?)s.ExtendedData ?? DBNull.Value;
            p[16].Value = s.Raw;
            p[17].Value = (object?)s.MessageKey ?? DBNull.Value;
            p[18].Value = (object?)s.Remote ?? DBNull.Value;
            p[19].Value = s.UnknownAccount ? 1 : 0;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(PostgresCopy, cancellationToken).ConfigureAwait(false);
        foreach (var s in signals)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.Source, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.SiteId?.Value, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.Account, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.Code, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.Category.ToString(), NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.IsRestore, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.Priority, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.French, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.English, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.Zone, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.User, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.Area, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.SentAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.VerificationUrl, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.ExtendedData, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.Raw, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.MessageKey, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await WriteAsync(importer, s.Remote, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(s.UnknownAccount, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
        }

        // COPY is one statement: all the rows are committed (durably, with synchronous_commit on) or none.
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } present)
        {
            await importer.WriteAsync(present, type, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
