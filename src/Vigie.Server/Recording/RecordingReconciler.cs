using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Recording;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Recordings;

namespace Vigie.Server.Recording;

/// <summary>
/// Keeps the recordings folder and the index in agreement, one camera-day folder at a time
/// (<see cref="RecordingRecovery.ReconcileFolder"/>), so that no step grows with the archive:
/// <list type="bullet">
/// <item><see cref="RecentAsync"/>, before recording starts: only the folders an unclean stop can have left
/// something in — each camera's newest indexed day and the days after it (torn <c>.part</c> files, segments
/// completed but not yet indexed), and every folder of a camera the index does not know.</item>
/// <item><see cref="SweepStepAsync"/>, in the background while the host runs: every older folder, one a step
/// (index rows whose file vanished are marked missing, files the index lost are adopted, a torn file long
/// forgotten is repaired), then the days the index holds whose folder is gone. It never looks at a folder of
/// the last two days, where recorders may be writing.</item>
/// </list>
/// A 30-day archive of one camera is 30 folders: the start looks at one or two of them instead of stat-ing
/// 43,200 files (decision 0022).
/// </summary>
public sealed partial class RecordingReconciler(VigieHostOptions options, VigieDbFactory dbFactory, SegmentIndexWriter index, ILogger<RecordingReconciler> logger)
{
    /// <summary>Segments of one day may start this long before or after the day their folder is named after.</summary>
    private static readonly TimeSpan FolderMargin = TimeSpan.FromHours(1);

    /// <summary>Folders reconciled since the start (the sweep skips them).</summary>
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    /// <summary>Files adopted since the start: queued to the index writer, maybe not in the database yet.</summary>
    private readonly HashSet<string> _adopted = new(StringComparer.Ordinal);

    private Queue<string>? _sweep;
    private bool _vanishedDaysChecked;

    /// <summary>True once the background sweep has been through every folder and day.</summary>
    public bool SweepComplete { get; private set; }

    /// <summary>Reconciles the folders an unclean stop can have touched. Call before the recorders start.</summary>
    public async Task<RecordingRecovery.Report> RecentAsync(CancellationToken cancellationToken)
    {
        var root = options.RecordingsFolder;
        Dictionary<CameraId, DateTimeOffset> newest;
        await using (var db = dbFactory.CreateDbContext())
        {
            newest = await db.RecordingSegments.AsNoTracking()
                .GroupBy(s => s.CameraId)
                .Select(g => new { Camera = g.Key, Newest = g.Max(s => s.StartsAt) })
                .ToDictionaryAsync(g => g.Camera, g => g.Newest, cancellationToken).ConfigureAwait(false);
        }

        var report = RecordingRecovery.Report.Empty;
        foreach (var folderName in RecordingRecovery.Cameras(root))
        {
            DateOnly? from = TryParseCamera(folderName) is { } camera && newest.TryGetValue(camera, out var last)
                ? DateOnly.FromDateTime(last.UtcDateTime).AddDays(-1)
                : null;
            foreach (var folder in RecordingRecovery.DayFolders(root, folderName))
            {
                if (from is null || (RecordingRecovery.TryParseDay(folder, out var day) && day >= from))
                {
                    report = report.Add(await ReconcileAsync(folder, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        LogReconciled(logger, report.Truncated, report.Adopted, report.Deleted, report.Missing.Count, _done.Count);
        return report;
    }

    /// <summary>One step of the background sweep: one folder, or the check of vanished days. False when nothing is left.</summary>
    public async Task<bool> SweepStepAsync(CancellationToken cancellationToken)
    {
        if (SweepComplete)
        {
            return false;
        }

        var root = options.RecordingsFolder;
        var recent = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime).AddDays(-1);
        _sweep ??= new Queue<string>(RecordingRecovery.Cameras(root)
            .SelectMany(camera => RecordingRecovery.DayFolders(root, camera))
            .Where(folder => !_done.Contains(folder) && RecordingRecovery.TryParseDay(folder, out var day) && day < recent));
        if (_sweep.TryDequeue(out var next))
        {
            var report = await ReconcileAsync(next, cancellationToken).ConfigureAwait(false);
            if (report.Adopted + report.Missing.Count > 0)
            {
                LogSwept(logger, next, report.Adopted, report.Missing.Count);
            }

            return true;
        }

        if (!_vanishedDaysChecked)
        {
            await MarkVanishedDaysAsync(recent, cancellationToken).ConfigureAwait(false);
            _vanishedDaysChecked = true;
        }

        SweepComplete = true;
        LogSweepComplete(logger, _done.Count);
        return false;
    }

    private async Task<RecordingRecovery.Report> ReconcileAsync(string folder, CancellationToken cancellationToken)
    {
        if (TryParseCamera(folder.Split(Path.DirectorySeparatorChar)[0]) is not { } camera || !RecordingRecovery.TryParseDay(folder, out var day))
        {
            return RecordingRecovery.Report.Empty; // not a folder Vigie writes: left alone
        }

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var prefix = folder + Path.DirectorySeparatorChar;
        HashSet<string> indexed;
        await using (var db = dbFactory.CreateDbContext())
        {
            var paths = await db.RecordingSegments.AsNoTracking()
                .Where(s => s.CameraId == camera && s.State == SegmentState.Complete && s.StartsAt >= start - FolderMargin && s.StartsAt < start.AddDays(1) + FolderMargin)
                .Select(s => s.Path)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            indexed = [.. paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))];
        }

        indexed.UnionWith(_adopted.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)));
        var collector = new AdoptedCollector(index);
        var report = RecordingRecovery.ReconcileFolder(options.RecordingsFolder, folder, indexed, collector, logger);
        _adopted.UnionWith(collector.Paths);
        if (report.Missing.Count > 0)
        {
            await MarkMissingAsync(report.Missing, cancellationToken).ConfigureAwait(false);
        }

        _done.Add(folder);
        return report;
    }

    private async Task MarkMissingAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        foreach (var chunk in paths.Chunk(500))
        {
            var rows = await db.RecordingSegments.Where(s => chunk.Contains(s.Path)).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                row.MarkMissing();
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The days the index holds for a camera whose folder is gone altogether (deleted by hand, a disk replaced):
    /// their rows are marked missing. One index seek per recorded day, not per segment.
    /// </summary>
    private async Task MarkVanishedDaysAsync(DateOnly recent, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var cameras = await db.RecordingSegments.AsNoTracking().Select(s => s.CameraId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var camera in cameras)
        {
            var folder = Path.Combine(options.RecordingsFolder, CameraFolder(camera));
            foreach (var day in await RecordingQueries.DaysAsync(db, camera, TimeZoneInfo.Utc, cancellationToken).ConfigureAwait(false))
            {
                if (day >= recent || Directory.Exists(Path.Combine(folder, day.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture))))
                {
                    continue;
                }

                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var end = start.AddDays(1);
                var marked = await db.RecordingSegments
                    .Where(s => s.CameraId == camera && s.State == SegmentState.Complete && s.StartsAt >= start && s.StartsAt < end)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, SegmentState.Missing), cancellationToken).ConfigureAwait(false);
                if (marked > 0)
                {
                    LogDayVanished(logger, CameraFolder(camera), day, marked);
                }
            }
        }
    }

    private static string CameraFolder(CameraId camera) => SegmentIndexWriter.FolderOf(camera);

    private static CameraId? TryParseCamera(string folder) => Guid.TryParseExact(folder, "N", out var id) ? new CameraId(id) : null;

    /// <summary>Passes adopted segments on to the index writer and remembers their paths.</summary>
    private sealed class AdoptedCollector(ISegmentIndex next) : ISegmentIndex
    {
        public List<string> Paths { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment)
        {
            Paths.Add(segment.RelativePath);
            next.OnSegmentCompleted(segment);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings reconciled: {Truncated} torn segments cut, {Adopted} adopted, {Deleted} empty deleted, {Missing} index rows whose file vanished, in {Folders} recent folders; the older ones are checked in the background")]
    private static partial void LogReconciled(ILogger logger, int truncated, int adopted, int deleted, int missing, int folders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recordings {Folder}: {Adopted} files adopted into the index, {Missing} index rows whose file vanished marked missing")]
    private static partial void LogSwept(ILogger logger, string folder, int adopted, int missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recordings of camera {Camera} on {Day}: the folder is gone, {Rows} index rows marked missing")]
    private static partial void LogDayVanished(ILogger logger, string camera, DateOnly day, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings: every folder checked against the index ({Folders} in all)")]
    private static partial void LogSweepComplete(ILogger logger, int folders);
}
