using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;
using Vigie.Media.Codecs;
using Vigie.Media.Recording;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>
/// The recorders' index: complete segments and gaps are queued by the ingest threads (never blocked on
/// the database) and written in batches by the recording service's supervised "recording-index" loop
/// (<see cref="WaitAsync"/>, <see cref="WriteNextAsync"/>). A batch that cannot be written (the database is
/// away) is kept and written again once it is back, so no complete segment goes unindexed; a row the
/// database refuses outright costs only itself. The segment folder name is the camera id
/// (<see cref="CameraRecorder.FolderOf"/>), which maps a file back to its camera.
/// </summary>
public sealed partial class SegmentIndexWriter(VigieDbFactory dbFactory, ILogger<SegmentIndexWriter> logger) : ISegmentIndex
{
    private const int BatchSize = 500;

    /// <summary>SQLITE_CONSTRAINT (sqlite.org/rescode.html): a row breaking a unique, foreign-key or check constraint.</summary>
    private const int SqliteConstraint = 19;

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Items taken from the queue and not yet written: kept across failures.</summary>
    private readonly List<object> _pending = [];

    /// <summary>True once a write of <see cref="_pending"/> was tried: its commit may have happened before the connection broke.</summary>
    private bool _tried;

    /// <summary>The folder of a camera's segments (<see cref="CameraRecorder.FolderOf"/>), for the host's tests and tools.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastEnds = new(StringComparer.Ordinal);

    public static string FolderOf(CameraId camera) => CameraRecorder.FolderOf(camera);

    public void OnSegmentCompleted(CompletedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        _lastEnds.AddOrUpdate(segment.Camera, segment.EndsAt, (_, known) => known > segment.EndsAt ? known : segment.EndsAt);
        _queue.Writer.TryWrite(segment);
    }

    /// <summary>The end of the latest segment handed to this writer for the camera (maybe not in the database yet).</summary>
    public DateTimeOffset? LastQueuedEnd(CameraId camera) =>
        _lastEnds.TryGetValue(camera.Value.ToString("N"), out var end) ? end : null;

    public void OnGap(CameraId camera, DateTimeOffset from, DateTimeOffset to, string reason) =>
        _queue.Writer.TryWrite(new Gap(camera, from, to, reason));

    /// <summary>The pause of the index loop: returns when there is something to write.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One step of the index loop: writes what is pending (after a failure) or the next batch; throws when the database cannot be written.</summary>
    public async Task WriteNextAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count < BatchSize && _queue.Reader.TryRead(out var item))
        {
            _pending.Add(item);
        }

        if (_pending.Count == 0)
        {
            return;
        }

        var retry = _tried;
        _tried = true;
        await WriteAsync(_pending, retry, cancellationToken).ConfigureAwait(false);
        _pending.Clear();
        _tried = false;
    }

    /// <summary>Writes whatever is still queued (at shutdown, after the loop ended). Segments that cannot be written now are adopted from disk at the next start.</summary>
    public async Task DrainAsync()
    {
        while (_queue.Reader.TryRead(out var item))
        {
            _pending.Add(item);
        }

        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(_pending, _tried, CancellationToken.None).ConfigureAwait(false);
            _pending.Clear();
        }
        catch (Exception ex)
        {
            LogDrainFailed(logger, _pending.Count, ex);
        }
    }

    private async Task WriteAsync(List<object> batch, bool retry, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = retry ? await NotYetWrittenAsync(db, batch, cancellationToken).ConfigureAwait(false) : batch;
        foreach (var item in rows)
        {
            Add(db, item);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (IsRefusal(ex))
        {
            // The database answered and refused a row: write them one by one, so that one row costs only itself.
            LogBatchRefused(logger, rows.Count, ex);
            await WriteOneByOneAsync(rows, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteOneByOneAsync(List<object> rows, CancellationToken cancellationToken)
    {
        foreach (var item in rows)
        {
            await using var db = dbFactory.CreateDbContext();
            Add(db, item);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (IsRefusal(ex))
            {
                LogRowRefused(logger, item.ToString() ?? "?", ex);
            }
        }
    }

    /// <summary>After a failed attempt, the rows its commit may already have written (a connection lost after COMMIT) are left out.</summary>
    private static async Task<List<object>> NotYetWrittenAsync(DbContext db, List<object> batch, CancellationToken cancellationToken)
    {
        var paths = batch.OfType<CompletedSegment>().Select(s => s.RelativePath).ToList();
        var starts = batch.OfType<Gap>().Select(g => g.From).Distinct().ToList();
        var indexed = paths.Count == 0 ? [] : (await db.Set<RecordingSegment>().Where(s => paths.Contains(s.Path)).Select(s => s.Path).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var gaps = starts.Count == 0 ? [] : (await db.Set<RecordingGap>().Where(g => starts.Contains(g.StartsAt)).Select(g => new { g.CameraId, g.StartsAt }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(g => (g.CameraId, g.StartsAt)).ToHashSet();
        return batch.Where(item => item switch
        {
            CompletedSegment s => !indexed.Contains(s.RelativePath),
            Gap g => !gaps.Contains((g.Camera, g.From)),
            _ => false,
        }).ToList();
    }

    private static void Add(DbContext db, object item)
    {
        switch (item)
        {
            case CompletedSegment s when Guid.TryParseExact(s.Camera, "N", out var id):
                db.Add(new RecordingSegment(new CameraId(id), s.StartsAt, s.EndsAt, s.RelativePath, s.Bytes, s.Frames, s.Keyframes,
                    s.Codec == VideoCodec.H264 ? "h264" : "h265", s.Width, s.Height));
                break;
            case Gap gap:
                db.Add(new RecordingGap(gap.Camera, gap.From, gap.To, gap.Reason));
                break;
        }
    }

    /// <summary>
    /// The row's own fault — a constraint it breaks, a value the column refuses — will not pass by retrying.
    /// Anything else (a lost connection, a busy, read-only or full database) may, and keeps the batch.
    /// </summary>
    private static bool IsRefusal(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        Npgsql.PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal) || postgres.SqlState.StartsWith("22", StringComparison.Ordinal),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused a batch of {Count} recording index rows; writing them one by one")]
    private static partial void LogBatchRefused(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording index row refused by the database and dropped: {Row}")]
    private static partial void LogRowRefused(ILogger logger, string row, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not index {Count} recording items at shutdown; their segment files are adopted at the next start (gaps are not)")]
    private static partial void LogDrainFailed(ILogger logger, int count, Exception exception);

    /// <summary>A span the camera was not recorded, queued for the index.</summary>
    private sealed record Gap(CameraId Camera, DateTimeOffset From, DateTimeOffset To, string Reason);
}
