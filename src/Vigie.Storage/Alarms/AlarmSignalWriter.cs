using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SQLitePCL;
using Vigie.Domain.Alarms;
using Vigie.Storage.Database;
using Vigie.Storage.Model;

namespace Vigie.Storage.Alarms;

/// <summary>
/// The alarm intake's one writer: a connection kept open from one batch to the next, with the INSERT
/// prepared once (SQLite), instead of a context, a connection set-up (EF Core's functions and pragmas) and
/// a statement per commit, which at a hundred commits a second cost as much CPU as the rows. A connection
/// that failed is closed, and the next batch opens a new one. One batch at a time: the group commit has one
/// writer, and a second concurrent call is refused. On SQLite the write-ahead log is checkpointed off the
/// commit path (<see cref="SqliteWalCheckpointer"/>).
/// </summary>
public sealed class AlarmSignalWriter(VigieDbFactory factory, ILogger? logger = null) : IAsyncDisposable
{
    private VigieDbContext? _db;
    private sqlite3_stmt? _insert;
    private SqliteWalCheckpointer? _checkpointer;
    private int _busy;

    /// <summary>Returns once the signals are committed; throws (and nothing is stored) otherwise.</summary>
    public async Task WriteAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return;
        }

        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("AlarmSignalWriter takes one batch at a time.");
        }

        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (connection is NpgsqlConnection postgres)
            {
                AlarmSignalInserter.Copy(postgres, signals);
            }
            else
            {
                var sqlite = (SqliteConnection)connection;
                AlarmSignalInserter.Insert(sqlite, _insert ??= AlarmSignalInserter.Prepare(sqlite), signals);
                _checkpointer?.Committed(sqlite, signals.Count);
            }
        }
        catch
        {
            // Whatever broke (a full disk, a lost server) is not carried to the next batch.
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private async Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_db is null)
        {
            var db = factory.CreateDbContext();
            try
            {
                // Opened through EF Core, so that its set-up of the connection applies (SQLite: foreign keys on).
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await db.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _db = db;
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                SqliteWalCheckpointer.TakeOver(sqlite);
                _checkpointer ??= new SqliteWalCheckpointer(factory.Settings.ConnectionString, logger ?? NullLogger.Instance);
            }
        }

        return _db.Database.GetDbConnection();
    }

    private async Task CloseAsync()
    {
        _insert?.Dispose();
        _insert = null;
        if (_db is { } db)
        {
            _db = null;
            if (db.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open } sqlite)
            {
                SqliteWalCheckpointer.GiveBack(sqlite);
            }

            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            await db.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The checkpointer of the SQLite log (null on PostgreSQL, or before the first batch).</summary>
    public SqliteWalCheckpointer? Checkpointer => _checkpointer;

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
