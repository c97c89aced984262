using Microsoft.Extensions.Logging;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;
using Vigie.Media.Live;
using Vigie.Media.Playback;

namespace Vigie.Media.Export;

/// <summary>
/// A JPEG of the frame recorded at an instant (the last one shown at or before it): the frames from the
/// keyframe before it are read back from the segment file and decoded by ffmpeg (the same path as
/// <see cref="LiveSnapshot"/>), keeping that frame's picture.
/// </summary>
public static class RecordedSnapshot
{
    /// <summary>The picture and the recorded instant of the frame it shows; null when nothing decodable is recorded at <paramref name="at"/>.</summary>
    public static async Task<(byte[] Jpeg, DateTimeOffset FrameAt)?> TakeAsync(
        RecordedSegmentRef segment, DateTimeOffset at, FfmpegRunner ffmpeg, string workFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var frames = new List<AccessUnit>();
        AccessUnit? shown = null;
        DateTimeOffset? frameAt = null;
        try
        {
            // From the last keyframe shown at or before the instant, every frame read until none shown before it
            // is left (with B-frames, frames shown later may be needed to decode the one shown at the instant).
            foreach (var frame in RecordedFrameReader.Read([segment], at, at.AddTicks(1), logger))
            {
                if (frame.Unit.IsKeyframe && frame.At <= at)
                {
                    Release(frames);
                    shown = null;
                }

                frames.Add(frame.Unit);
                if (frame.At <= at && (shown is null || frame.Unit.Timestamp > shown.Timestamp))
                {
                    shown = frame.Unit;
                    frameAt = frame.At;
                }
            }

            if (shown is null || frameAt is null)
            {
                return null;
            }

            // Pictures come out of the decoder in presentation order: the one shown at the instant is the
            // one with as many pictures before it as frames shown earlier.
            var picture = frames.Count(f => f.Timestamp < shown.Timestamp);
            var jpeg = await LiveSnapshot.TakeAsync(frames, ffmpeg, workFolder, cancellationToken, picture).ConfigureAwait(false);
            return jpeg is null ? null : (jpeg, frameAt.Value);
        }
        finally
        {
            Release(frames);
        }
    }

    private static void Release(List<AccessUnit> frames)
    {
        foreach (var unit in frames)
        {
            unit.Release();
        }

        frames.Clear();
    }
}
