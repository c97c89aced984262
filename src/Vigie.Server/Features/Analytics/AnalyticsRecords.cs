using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Pictures;
using Vigie.Analytics.Rules;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Live;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Analytics;

/// <summary>
/// What the analytics keep besides their alarm signals: the picture of each event (for the alarm's evidence) and the
/// camera's motion ranges (for the playback timeline), kept no longer than the camera's recordings.
/// </summary>
internal sealed partial class AnalyticsRecords(VigieDbFactory dbFactory, VigieHostOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _nextPurge;

    /// <summary>
    /// The camera's picture at the frame a rule fired on, the object boxed, stored as an attachment; the signal's
    /// extended data names it (references as in the main courante) and the alarm opener files it as the alarm's
    /// first evidence. Null when no picture can be had (the signal goes without).
    /// </summary>
    public async Task<string?> SnapshotAsync(CameraRecorder recorder, RuleEvent fired)
    {
        try
        {
            var recent = recorder.PreAlarm.TakeClip();
            byte[]? jpeg;
            try
            {
                // The frames up to the one the rule fired on: that picture, not a later one.
                var upTo = recent.Count;
                while (upTo > 1 && (recent[upTo - 1].WallClock ?? recent[upTo - 1].ReceivedAt) > fired.Fired)
                {
                    upTo--;
                }

                jpeg = await LiveSnapshot.TakeAsync(upTo == recent.Count ? recent : recent.Take(upTo).ToList(), new FfmpegRunner(logger), Path.Combine(options.DataFolder, "tmp"), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                foreach (var unit in recent)
                {
                    unit.Release();
                }
            }

            if (jpeg is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var attachment = new LogbookAttachment(SnapshotMarks.Draw(jpeg, [(fired.Box, fired.Track)]), "image/jpeg",
                string.Create(CultureInfo.InvariantCulture, $"analyse_{fired.RuleId}_{fired.Fired:yyyyMMdd-HHmmss}.jpg"), now);
            await LogbookAttachmentStore.StoreAsync(dbFactory, attachment, CancellationToken.None).ConfigureAwait(false);
            return string.Create(CultureInfo.InvariantCulture, $"{AttachmentReference.Format(attachment.Sha256)} camera:{recorder.Target.Id.Value} instant:{fired.Fired.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSnapshotFailed(logger, recorder.Name, ex);
            return null;
        }
    }

    /// <summary>A motion span for the playback timeline; a database error loses this span only.</summary>
    public async Task StoreMotionAsync(CameraTarget camera, MotionSpan? span)
    {
        if (span is not { } motion)
        {
            return;
        }

        try
        {
            await using var db = dbFactory.CreateDbContext();
            db.MotionRanges.Add(new MotionRange(camera.Id, motion.Start, motion.End, motion.Peak));
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMotionFailed(logger, camera.Name, ex);
        }
    }

    /// <summary>Motion ranges are kept no longer than the camera's recordings.</summary>
    public async Task PurgeMotionAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + PurgeEvery;
        await using var db = dbFactory.CreateDbContext();
        var cameras = await db.Cameras.AsNoTracking().Select(c => new { c.Id, c.RetentionDays }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var camera in cameras)
        {
            var before = now.AddDays(-camera.RetentionDays);
            await db.MotionRanges.Where(m => m.CameraId == camera.Id && m.EndsAt < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: no picture could be taken for an analytics event; its alarm goes without")]
    private static partial void LogSnapshotFailed(ILogger logger, string camera, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: a motion range could not be stored; the next ones are tried")]
    private static partial void LogMotionFailed(ILogger logger, string camera, Exception exception);
}
