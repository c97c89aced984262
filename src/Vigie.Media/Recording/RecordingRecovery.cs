using Microsoft.Extensions.Logging;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Recording;

/// <summary>
/// Reconciles the recordings folder after an unclean stop (kill -9, power loss), before recording starts:
/// a torn NAME.mp4.part is truncated to its last complete fragment, renamed and reported as a segment (or
/// deleted when nothing playable is left); complete files the index does not know (orphans) are reported
/// too. The caller marks index rows whose file vanished.
/// </summary>
public static partial class RecordingRecovery
{
    public sealed record Report(int Truncated, int Adopted, int Deleted);

    /// <param name="knownPaths">Relative paths already in the index.</param>
    public static Report Recover(string recordingsRoot, IReadOnlySet<string> knownPaths, ISegmentIndex index, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(knownPaths);
        ArgumentNullException.ThrowIfNull(index);
        if (!Directory.Exists(recordingsRoot))
        {
            return new Report(0, 0, 0);
        }

        int truncated = 0, adopted = 0, deleted = 0;
        foreach (var partial in Directory.EnumerateFiles(recordingsRoot, "*.mp4" + RecordingPaths.TemporarySuffix, SearchOption.AllDirectories))
        {
            var scan = Mp4TornFileScanner.TruncateTornTail(partial);
            if (!scan.IsPlayable)
            {
                File.Delete(partial);
                deleted++;
                LogDeleted(logger, partial);
                continue;
            }

            truncated += scan.IsTorn ? 1 : 0;
            var final = partial[..^RecordingPaths.TemporarySuffix.Length];
            File.Move(partial, final, overwrite: true);
            LogRecovered(logger, final, scan.FileLength - scan.CompleteLength);
        }

        foreach (var file in Directory.EnumerateFiles(recordingsRoot, "*.mp4", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(recordingsRoot, file);
            if (knownPaths.Contains(relative))
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

        return new Report(truncated, adopted, deleted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered segment {Path} after an unclean stop ({Bytes} torn bytes cut)")]
    private static partial void LogRecovered(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted {Path}: nothing playable was written before the unclean stop")]
    private static partial void LogDeleted(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left {Path} alone: not a readable Vigie segment")]
    private static partial void LogUnreadable(ILogger logger, string path);
}
