using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Vigie.Storage.Database;

/// <summary>
/// Checkpoints the SQLite write-ahead log of a busy writer from a connection of its own, in small steps,
/// so that the writer's commits never wait for a checkpoint's copy and flush of the database file. With
/// SQLite's automatic checkpoint, the commit that took the log past 1,000 pages did it, and at 20,000 alarm
/// signals a second the signals of that commit waited up to 300 ms for their ACK (docs/benchmarks.md,
/// "Alarm intake"). A background checkpoint never blocks the writer, so it may fall behind a writer that
/// never pauses (the log starts over only once a checkpoint has copied all of it): once the log passes
/// <see cref="MaxLogFrames"/>, the writer checkpoints once itself — which always completes, since it is the
/// only writer, and is short, since the background has copied nearly everything — and the log starts over. Durability is unchanged: every
/// commit still waits for the log to reach the disk.
/// </summary>
public sealed partial class SqliteWalCheckpointer(string connectionString, ILogger logger) : IAsyncDisposable
{
    /// <summary>Rows committed between two background checkpoints.</summary>
    public const int StepRows = 2000;

    /// <summary>
    /// Log frames (pages) past which the writer checkpoints itself: 64 MB of 4 KB pages. By then the
    /// background has copied all but the last few frames, so the writer's own checkpoint is short.
    /// </summary>
    public const int MaxLogFrames = 16_384;

    private SqliteConnection? _connection;
    private Task _running = Task.CompletedTask;
    private int _rows;
    private volatile bool _writerMustCheckpoint;

    /// <summary>The last checkpoint's SQLite result code, the frames in the log then, and how many of them it had copied (tests, diagnostics).</summary>
    public (int Code, int Log, int Copied) Last { get; private set; }

    /// <summary>Turns off the automatic checkpoint of the writer's connection: this checkpointer does it.</summary>
    public static void TakeOver(SqliteConnection writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        raw.sqlite3_wal_autocheckpoint(writer.Handle!, 0);
    }

    /// <summary>Gives the writer's connection its automatic checkpoint back before it returns to the pool.</summary>
    public static void GiveBack(SqliteConnection writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.Handle is { } handle)
        {
            raw.sqlite3_wal_autocheckpoint(handle, 1000);
        }
    }

    /// <summary>Called by the writer after each commit, on its own thread, with the rows it committed.</summary>
    public void Committed(SqliteConnection writer, int rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_writerMustCheckpoint && _running.IsCompleted)
        {
            var code = raw.sqlite3_wal_checkpoint_v2(writer.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out var copied);
            if (code == raw.SQLITE_OK)
            {
                _writerMustCheckpoint = false;
                Last = (code, log, copied);
                LogWriterCheckpoint(logger, log);
            }

            return;
        }

        _rows += rows;
        if (_rows < StepRows || !_running.IsCompleted)
        {
            return;
        }

        _rows = 0;
        _running = Task.Run(Checkpoint);
    }

    private void Checkpoint()
    {
        try
        {
            if (_connection is null)
            {
                var connection = new SqliteConnection(connectionString);
                connection.Open();
                // A connection opens the log when it first reads the database; until then a checkpoint finds
                // no log and does nothing.
                using (var read = connection.CreateCommand())
                {
                    read.CommandText = "PRAGMA schema_version";
                    read.ExecuteScalar();
                }

                _connection = connection;
            }

            var code = raw.sqlite3_wal_checkpoint_v2(_connection.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out var copied);
            Last = (code, log, copied);
            if (code is not raw.SQLITE_OK and not raw.SQLITE_BUSY)
            {
                LogCheckpointFailed(logger, code, raw.sqlite3_errmsg(_connection.Handle!).utf8_to_string());
                return;
            }

            _writerMustCheckpoint = log >= MaxLogFrames;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            // The next step tries again; the writer's commits are not affected.
            LogCheckpointException(logger, ex);
            _connection?.Dispose();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _connection?.Dispose();
        _connection = null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQLite write-ahead log at {Frames} pages: the writer checkpointed it itself, and the log starts over")]
    private static partial void LogWriterCheckpoint(ILogger logger, int frames);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite background checkpoint failed (code {Code}): {Message}")]
    private static partial void LogCheckpointFailed(ILogger logger, int code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite background checkpoint failed")]
    private static partial void LogCheckpointException(ILogger logger, Exception exception);
}
