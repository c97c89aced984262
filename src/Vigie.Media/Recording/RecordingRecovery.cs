using Microsoft.Extensions.Logging;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Recording;

/// <summary>
/// Reconciles the recordings folder with the index, one camera-day folder (ROOT/&lt;camera&gt;/yyyy/MM/dd) at
/// a time, so the work is proportional to the folders looked at, never to the whole archive: a torn
/// NAME.mp4.part (kill -9, power loss) is truncated to its last complete fragment, renamed and reported as a
/// segment (or deleted when nothing playable is left); complete files the index does not know (orphans) are
/// reported too; index rows whose file is not in the folder are returned so the caller marks them missing.
/// A listing of the folder tells which files exist: no file is opened or stat-ed unless it must be adopted.
/// </summary>
public static partial class RecordingRecovery
{
    /// <param name="Missing">Relative paths the index holds that the folder does not.</param>
    public sealed record Report(int Truncated, int Adopted, int Deleted, IReadOnlyList<string> Missing)
    {
        public static readonly Report Empty = new(0, 0, 0, []);

        public Report Add(Report other) => new(Truncated + other.Truncated, Adopted + other.Adopted, Deleted + other.Deleted, [.. Missing, .. other.Missing]);
    }

    /// <summary>Every folder of the tree at once (tests, a small archive): <paramref name="knownPaths"/> are the relative paths in the index.</summary>
    public static Report Recover(string recordingsRoot, IReadOnlySet<string> knownPaths, ISegmentIndex index, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(knownPaths);
        var report = Report.Empty;
        foreach (var camera in Cameras(recordingsRoot))
        {
            foreach (var folder in DayFolders(recordingsRoot, camera))
            {
                var prefix = folder + Path.DirectorySeparatorChar;
                var indexed = knownPaths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf(Path.DirectorySeparatorChar, prefix.Length) < 0).ToHashSet();
                report = report.Add(ReconcileFolder(recordingsRoot, folder, indexed, index, logger));
            }
        }

        return report;
    }

    /// <summary>The camera folders under the root (their names are the cameras' ids).</summary>
    public static IReadOnlyList<string> Cameras(string recordingsRoot) =>
        Directory.Exists(recordingsRoot)
            ? [.. Directory.EnumerateDirectories(recordingsRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>A camera's day folders, relative to the root ("camera/yyyy/MM/dd"), oldest first; three directory listings deep, no file touched.</summary>
    public static IReadOnlyList<string> DayFolders(string recordingsRoot, string camera)
    {
        var folders = new List<string>();
        var root = Path.Combine(recordingsRoot, camera);
        if (!Directory.Exists(root))
        {
            return folders;
        }

        foreach (var year in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var month in Directory.EnumerateDirectories(year).Order(StringComparer.Ordinal))
            {
                foreach (var day in Directory.EnumerateDirectories(month).Order(StringComparer.Ordinal))
                {
                    folders.Add(Path.GetRelativePath(recordingsRoot, day));
                }
            }
        }

        return folders;
    }

    /// <summary>The UTC day a folder holds ("camera/yyyy/MM/dd"); false for a folder that is not a day's.</summary>
    public static bool TryParseDay(string relativeFolder, out DateOnly day) =>
        DateOnly.TryParseExact(string.Join('-', relativeFolder.Split(Path.DirectorySeparatorChar)[^3..]), "yyyy-MM-dd", out day)
        && relativeFolder.Split(Path.DirectorySeparatorChar).Length == 4;

    /// <summary>Reconciles one camera-day folder with the index rows of that folder (<paramref name="indexed"/>: relative paths).</summary>
    public static Report ReconcileFolder(string recordingsRoot, string relativeFolder, IReadOnlySet<string> indexed, ISegmentIndex index, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(indexed);
        ArgumentNullException.ThrowIfNull(index);
        var folder = Path.Combine(recordingsRoot, relativeFolder);
        if (!Directory.Exists(folder))
        {
            return new Report(0, 0, 0, [.. indexed]);
        }

        int truncated = 0, adopted = 0, deleted = 0;
        foreach (var partial in Directory.EnumerateFiles(folder, "*.mp4" + RecordingPaths.TemporarySuffix))
        {
            var scan = Mp4TornFileScanner.TruncateTornTail(partial);
            if (!scan.IsPlayable)
            {
                File.Delete(partial);
                deleted++;
                LogDeleted(logger, partial, scan.Damage);
                continue;
            }

            truncated += scan.IsTorn ? 1 : 0;
            var final = partial[..^RecordingPaths.TemporarySuffix.Length];
            File.Move(partial, final, overwrite: true);
            LogRecovered(logger, final, scan.FileLength - scan.CompleteLength);
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.mp4"))
        {
            var relative = Path.GetRelativePath(recordingsRoot, file);
            present.Add(relative);
            if (indexed.Contains(relative))
            {
                continue;
            }

            var info = SegmentFileInfo.TryRead(file);
            var camera = relative.Split(Path.DirectorySeparatorChar)[0];
            if (info is null || !RecordingPaths.TryParseStart(relative, out var start))
            {
                LogUnreadable(logger, file);
                continue;
            }

            var end = start + TimeSpan.FromSeconds((double)info.DurationTicks / AccessUnit.ClockRate);
            index.OnSegmentCompleted(new CompletedSegment(camera, file, relative, start, end, new FileInfo(file).Length, info.Frames, info.Keyframes, info.Codec, info.Width, info.Height));
            adopted++;
        }

        return new Report(truncated, adopted, deleted, [.. indexed.Where(p => !present.Contains(p))]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered segment {Path} after an unclean stop ({Bytes} torn bytes cut)")]
    private static partial void LogRecovered(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted {Path}: nothing playable was written before the unclean stop ({Damage})")]
    private static partial void LogDeleted(ILogger logger, string path, string? damage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left {Path} alone: not a readable Vigie segment")]
    private static partial void LogUnreadable(ILogger logger, string path);
}
