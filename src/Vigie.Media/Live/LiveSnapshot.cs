using System.Globalization;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Live;

/// <summary>
/// A JPEG of a camera's newest frame: the frames from the last keyframe to the newest are muxed into a
/// small fMP4 (the newest frame cannot be decoded alone) and ffmpeg decodes them, keeping the last picture
/// in presentation order (with B-frames, the last frame to arrive is not always the newest picture).
/// </summary>
public static class LiveSnapshot
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Null when no decodable frame is at hand (camera down, no keyframe yet).</summary>
    /// <param name="picture">Which picture to keep, counted in presentation order from the last keyframe; the last one when null.</param>
    public static async Task<byte[]?> TakeAsync(IReadOnlyList<AccessUnit> recent, FfmpegRunner ffmpeg, string workFolder, CancellationToken cancellationToken, int? picture = null)
    {
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(ffmpeg);
        var start = recent.Count - 1;
        while (start >= 0 && !recent[start].IsKeyframe)
        {
            start--;
        }

        if (start < 0)
        {
            return null;
        }

        Directory.CreateDirectory(workFolder);
        var name = Path.Combine(workFolder, $"snapshot-{Guid.NewGuid():N}");
        var video = name + ".mp4";
        var jpeg = name + ".jpg";
        try
        {
            var frames = 0;
            await using (var file = new FileStream(video, FileMode.CreateNew, FileAccess.Write))
            {
                var sink = new StreamSink(file);
                using var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), sink);
                for (var i = start; i < recent.Count; i++)
                {
                    fragmenter.Push(recent[i]);
                    frames++;
                }

                fragmenter.Flush();
            }

            // Decode every frame from the keyframe, keep the one asked for (the last by default).
            var keep = Math.Clamp(picture ?? (frames - 1), 0, frames - 1);
            await ffmpeg.RunAsync(FfmpegRunner.Ffmpeg,
                ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", video, "-vf", string.Create(CultureInfo.InvariantCulture, $"select=eq(n\\,{keep})"),
                 "-frames:v", "1", "-q:v", "3", "-y", jpeg],
                Timeout, cancellationToken).ConfigureAwait(false);
            return File.Exists(jpeg) ? await File.ReadAllBytesAsync(jpeg, cancellationToken).ConfigureAwait(false) : null;
        }
        finally
        {
            File.Delete(video);
            File.Delete(jpeg);
        }
    }

    private sealed class StreamSink(Stream stream) : IMp4FragmentSink
    {
        public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters) => stream.Write(initSegment);

        public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info) => stream.Write(fragment);
    }
}
