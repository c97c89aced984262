using Microsoft.Extensions.Logging;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;
using Vigie.Media.Live;
using Vigie.Media.Playback;

namespace Vigie.Media.Export;

/// <summary>
/// A JPEG of the frame recorded at an instant: the frames from the keyframe at or before it up to the last
/// frame that starts at or before it are read back from the segment file and decoded by ffmpeg (the same
/// path as <see cref="LiveSnapshot"/>), keeping the last picture.
/// </summary>
public static class RecordedSnapshot
{
    /// <summary>The picture and the recorded instant of the frame it shows; null when nothing decodable is recorded at <paramref name="at"/>.</summary>
    public static async Task<(byte[] Jpeg, DateTimeOffset FrameAt)?> TakeAsync(
        RecordedSegmentRef segment, DateTimeOffset at, FfmpegRunner ffmpeg, string workFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var frames = new List<AccessUnit>();
        DateTimeOffset? frameAt = null;
        try
        {
            // [keyframe, at]: every frame starting at or before the instant.
            foreach (var frame in RecordedFrameReader.Read([segment], at, at.AddTicks(1), logger))
            {
                if (frame.Unit.IsKeyframe)
                {
                    Release(frames);
                }

                frames.Add(frame.Unit);
                frameAt = frame.At;
            }

            if (frames.Count == 0 || frameAt is null)
            {
                return null;
            }

            var jpeg = await LiveSnapshot.TakeAsync(frames, ffmpeg, workFolder, cancellationToken).ConfigureAwait(false);
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
