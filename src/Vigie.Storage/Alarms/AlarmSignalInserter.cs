using System.Data;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
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
/// transaction, through SQLite's C API. PostgreSQL: one binary COPY, which commits as a single statement.
/// </summary>
public static class AlarmSignalInserter
{
    private static readonly string[] Columns =
    [
        "Source", "ReceivedAt", "SiteId", "Account", "Code", "Category", "IsRestore", "Priority", "French", "English", "Zone",
        "User", "Area", "SentAt", "VerificationUrl", "ExtendedData", "Raw", "MessageKey", "Remote", "UnknownAccount",
    ];

    // The category's name as EF Core stores it, without boxing the enum for each row.
    private static readonly string[] CategoryNames = Enum.GetValues<AlarmCategory>().Select(c => c.ToString()).ToArray();

    private static string NameOf(AlarmCategory category) =>
        (uint)category < (uint)CategoryNames.Length ? CategoryNames[(int)category] : category.ToString();

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => $"\"{c}\""));

    private static readonly string SqliteInsert =
        $"INSERT INTO {VigieDbContext.AlarmSignalsTable} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"?{i + 1}"))})";

    // PostgreSQL: the ids are drawn from the identity's sequence first and written with the rows, as COPY
    // returns none; SQLite gives each row's id as it is inserted.
    private static readonly string PostgresCopy = $"COPY {VigieDbContext.AlarmSignalsTable} (\"Id\", {ColumnList}) FROM STDIN (FORMAT BINARY)";

    private static readonly string PostgresIds = $"SELECT nextval(pg_get_serial_sequence('{VigieDbContext.AlarmSignalsTable}', 'Id')) FROM generate_series(1, $1)";

    /// <summary>
    /// Returns once the signals are committed; throws (and nothing is stored) otherwise. Opens a connection
    /// for the call: a steady writer keeps one with <see cref="AlarmSignalWriter"/>.
    /// </summary>
    public static async Task InsertAsync(VigieDbFactory factory, IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        await using var writer = new AlarmSignalWriter(factory);
        await writer.WriteAsync(signals, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The INSERT, prepared on the connection once for all its batches.</summary>
    internal static sqlite3_stmt Prepare(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        Check(handle, raw.sqlite3_prepare_v3(handle, SqliteInsert, raw.SQLITE_PREPARE_PERSISTENT, out var statement));
        return statement;
    }

    internal static void Insert(SqliteConnection connection, sqlite3_stmt statement, IReadOnlyList<AlarmSignal> signals)
    {
        // Straight to SQLite's C API (bind by position, step, reset): Microsoft.Data.Sqlite looks every
        // parameter up by name on every execution, which cost as much as the insert itself. Synchronous: the
        // calls never block on anything but the disk, and the batcher's writer owns this thread meanwhile.
        using var transaction = connection.BeginTransaction();
        var handle = connection.Handle!;
        var ids = new long[signals.Count];
        var row = 0;
        try
        {
            foreach (var s in signals)
            {
                Text(statement, 1, s.Source);
                raw.sqlite3_bind_int64(statement, 2, s.ReceivedAt.UtcTicks);
                // EF Core's SQLite provider stores a Guid as upper-case text.
                Text(statement, 3, s.SiteId?.Value.ToString().ToUpperInvariant());
                Text(statement, 4, s.Account);
                Text(statement, 5, s.Code);
                Text(statement, 6, NameOf(s.Category));
                raw.sqlite3_bind_int(statement, 7, s.IsRestore ? 1 : 0);
                raw.sqlite3_bind_int(statement, 8, s.Priority);
                Text(statement, 9, s.French);
                Text(statement, 10, s.English);
                Text(statement, 11, s.Zone);
                Text(statement, 12, s.User);
                Text(statement, 13, s.Area);
                if (s.SentAt is { } sent)
                {
                    raw.sqlite3_bind_int64(statement, 14, sent.UtcTicks);
                }
                else
                {
                    raw.sqlite3_bind_null(statement, 14);
                }

                Text(statement, 15, s.VerificationUrl);
                Text(statement, 16, s.ExtendedData);
                Text(statement, 17, s.Raw);
                Text(statement, 18, s.MessageKey);
                Text(statement, 19, s.Remote);
                raw.sqlite3_bind_int(statement, 20, s.UnknownAccount ? 1 : 0);
                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(handle, step);
                }

                ids[row++] = raw.sqlite3_last_insert_rowid(handle);
                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            // Ready for the next batch, and holding no value of this one.
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }

        transaction.Commit();
        AssignIds(signals, ids);
    }

    private static void Text(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
            return;
        }

        // Encoded into a buffer of this thread (SQLite copies the bytes) rather than a new UTF-8 array per
        // value: 15 text columns per row made it the largest allocation of the intake.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = _utf8 is { } existing && existing.Length >= length ? existing : (_utf8 = new byte[Math.Max(length, 1024)]);
        var written = Encoding.UTF8.GetBytes(value, buffer);
        raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
    }

    [ThreadStatic]
    private static byte[]? _utf8;

    /// <summary>Turns an SQLite error code into the same exception Microsoft.Data.Sqlite throws (a constraint, a full disk…).</summary>
    private static void Check(sqlite3 handle, int code)
    {
        if (code is not raw.SQLITE_OK and not raw.SQLITE_ROW and not raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), code, raw.sqlite3_extended_errcode(handle));
        }
    }

    /// <summary>
    /// Synchronous, as the SQLite path: the group commit's writer owns its thread meanwhile, and an await per
    /// value (21 a row) cost more than the rows themselves.
    /// </summary>
    internal static void Copy(NpgsqlConnection connection, IReadOnlyList<AlarmSignal> signals)
    {
        var ids = new long[signals.Count];
        using (var command = new NpgsqlCommand(PostgresIds, connection) { Parameters = { new() { Value = signals.Count } } })
        using (var reader = command.ExecuteReader())
        {
            for (var i = 0; i < ids.Length && reader.Read(); i++)
            {
                ids[i] = reader.GetInt64(0);
            }
        }

        using var importer = connection.BeginBinaryImport(PostgresCopy);
        var row = 0;
        foreach (var s in signals)
        {
            importer.StartRow();
            importer.Write(ids[row++], NpgsqlDbType.Bigint);
            importer.Write(s.Source, NpgsqlDbType.Varchar);
            importer.Write(s.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            Write(importer, s.SiteId?.Value, NpgsqlDbType.Uuid);
            Write(importer, s.Account, NpgsqlDbType.Varchar);
            importer.Write(s.Code, NpgsqlDbType.Varchar);
            importer.Write(NameOf(s.Category), NpgsqlDbType.Varchar);
            importer.Write(s.IsRestore, NpgsqlDbType.Boolean);
            importer.Write(s.Priority, NpgsqlDbType.Integer);
            importer.Write(s.French, NpgsqlDbType.Varchar);
            importer.Write(s.English, NpgsqlDbType.Varchar);
            Write(importer, s.Zone, NpgsqlDbType.Varchar);
            Write(importer, s.User, NpgsqlDbType.Varchar);
            Write(importer, s.Area, NpgsqlDbType.Varchar);
            Write(importer, s.SentAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            Write(importer, s.VerificationUrl, NpgsqlDbType.Varchar);
            Write(importer, s.ExtendedData, NpgsqlDbType.Varchar);
            importer.Write(s.Raw, NpgsqlDbType.Varchar);
            Write(importer, s.MessageKey, NpgsqlDbType.Varchar);
            Write(importer, s.Remote, NpgsqlDbType.Varchar);
            importer.Write(s.UnknownAccount, NpgsqlDbType.Boolean);
        }

        // COPY is one statement: all the rows are committed (durably, with synchronous_commit on) or none.
        importer.Complete();
        AssignIds(signals, ids);
    }

    private static void AssignIds(IReadOnlyList<AlarmSignal> signals, long[] ids)
    {
        for (var i = 0; i < signals.Count; i++)
        {
            signals[i].AssignStoredId(ids[i]);
        }
    }

    private static void Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    private static void Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } present)
        {
            importer.Write(present, type);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
