using System.Threading.Channels;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Codecs;
using Vigie.Media.Recording;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>
/// The recorders' index: complete segments and gaps are queued by the ingest threads (never blocked on
/// the database) and written in batches by <see cref="RunAsync"/>. The segment folder name is the
/// camera id, which maps a file back to its camera.
/// </summary>
public sealed partial class SegmentIndexWriter(VigieDbFactory dbFactory, ILogger<SegmentIndexWriter> logger) : ISegmentIndex
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public static string FolderOf(CameraId camera) => camera.Value.ToString("N");

    public void OnSegmentCompleted(CompletedSegment segment) => _queue.Writer.TryWrite(segment);

    public void OnGap(CameraId camera, DateTimeOffset from, DateTimeOffset to, string reason) =>
        _queue.Writer.TryWrite(new RecordingGap(camera, from, to, reason));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<object>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (batch.Count < 500 && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: what is still queued is written by DrainAsync.
        }
    }

    /// <summary>Writes whatever is still queued (at shutdown).</summary>
    public async Task DrainAsync()
    {
        var batch = new List<object>();
        while (_queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        await WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WriteAsync(List<object> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var db = dbFactory.CreateDbContext();
            foreach (var item in batch)
            {
                switch (item)
                {
                    case CompletedSegment s when Guid.TryParseExact(s.Camera, "N", out var id):
                        db.RecordingSegments.Add(new RecordingSegment(new CameraId(id), s.StartsAt, s.EndsAt, s.RelativePath, s.Bytes, s.Frames, s.Keyframes,
                            s.Codec == VideoCodec.H264 ? "h264" : "h265", s.Width, s.Height));
                        break;
                    case RecordingGap gap:
                        db.RecordingGaps.Add(gap);
                        break;
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
        {
            LogIndexFailed(logger, batch.Count, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not index {Count} recording items: {Reason}")]
    private static partial void LogIndexFailed(ILogger logger, int count, string reason);
}
