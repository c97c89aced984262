using Microsoft.Extensions.Logging;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;
using Vigie.Media.Playback;

namespace Vigie.Media.Export;

/// <summary>
/// Reads the frames of one camera's recorded segment files over a wall-clock range, in decode order: from
/// the keyframe at or before <c>from</c> (decoding must start at a keyframe; when <c>from</c> falls in a gap,
/// from the first keyframe of the next recording) until every frame shown before <c>to</c> has been read.
/// Without B-frames that is the last frame that starts before <c>to</c>; with B-frames a few frames decoded
/// after <c>to</c> may be shown before it, and frames shown after <c>to</c> may be needed to decode them
/// (see <see cref="PresentationWindow"/>). Snapshots of a recorded instant and clip export both read through here.
/// <para>
/// A segment file that is gone or unreadable is skipped with a log line (the range then has a gap there).
/// Frames are read one sample at a time with <c>pread</c>; memory stays at one frame whatever the range.
/// </para>
/// </summary>
public static partial class RecordedFrameReader
{
    /// <summary>
    /// The frames of <paramref name="segments"/> (oldest first, not overlapping) in [<paramref name="from"/>,
    /// <paramref name="to"/>), led by the frames from the preceding keyframe. Each frame belongs to the caller.
    /// </summary>
    public static IEnumerable<RecordedFrame> Read(IReadOnlyList<RecordedSegmentRef> segments, DateTimeOffset from, DateTimeOffset to, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(logger);
        var started = false;
        var window = new PresentationWindow(to);
        foreach (var segment in segments)
        {
            if (segment.EndsAt <= from || segment.StartsAt >= to)
            {
                continue;
            }

            RecordedSegmentFile file;
            Microsoft.Win32.SafeHandles.SafeFileHandle handle;
            try
            {
                handle = segment.Growing is { } growing
                    ? growing.TryOpen() ?? throw new IOException("the segment being recorded is gone")
                    : File.OpenHandle(segment.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file = RecordedSegmentFile.Read(segment.FullPath, handle);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                LogUnreadable(logger, segment.FullPath, ex.Message);
                continue;
            }

            using (handle)
            {
                var first = started ? FirstKeyframeFragment(file) : file.StartFragmentFor(Ticks90k(from > segment.StartsAt ? from - segment.StartsAt : TimeSpan.Zero));
                if (first < 0)
                {
                    continue;
                }

                var segmentBase = PlaybackCursor.MediaTime(segment.StartsAt);
                for (var f = first; f < file.Fragments.Count; f++)
                {
                    foreach (var sample in file.Fragments[f].Samples)
                    {
                        var decodedAt = segment.StartsAt + FromTicks90k(sample.DecodeTime);
                        var at = segment.StartsAt + FromTicks90k(sample.PresentationTime);
                        if (window.IsComplete(decodedAt))
                        {
                            yield break;
                        }

                        if (!started && !sample.IsKeyframe)
                        {
                            continue;
                        }

                        var unit = ReadUnit(handle, file, sample, (long)(segmentBase + sample.PresentationTime), (long)(segmentBase + sample.DecodeTime), at, logger);
                        if (unit is null)
                        {
                            // A frame that cannot be read breaks the references of the frames after it:
                            // resume at the next keyframe.
                            started = false;
                            continue;
                        }

                        started = true;
                        window.Count(decodedAt, at);
                        yield return new RecordedFrame(unit, at, FromTicks90k(sample.Duration));
                    }
                }
            }
        }
    }

    private static AccessUnit? ReadUnit(Microsoft.Win32.SafeHandles.SafeFileHandle handle, RecordedSegmentFile file, RecordedSample sample, long timestamp, long decodeTimestamp, DateTimeOffset at, ILogger logger)
    {
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(sample.Size);
        try
        {
            RecordedSegmentFile.ReadSample(handle, sample, bytes);
            return AccessUnit.Copy(bytes.AsSpan(0, sample.Size), file.Codec, timestamp, sample.IsKeyframe, file.Parameters, at, at)
                .WithDecodeTimestamp(decodeTimestamp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, file.Path, ex.Message);
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int FirstKeyframeFragment(RecordedSegmentFile file)
    {
        for (var i = 0; i < file.Fragments.Count; i++)
        {
            if (file.Fragments[i].StartsWithKeyframe)
            {
                return i;
            }
        }

        return -1;
    }

    private static ulong Ticks90k(TimeSpan span) => (ulong)(span.Ticks * 9 / 1000);

    private static TimeSpan FromTicks90k(ulong ticks) => TimeSpan.FromTicks((long)(ticks * 1000 / 9));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded frames: segment {Path} cannot be read ({Reason}); skipped")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);
}
