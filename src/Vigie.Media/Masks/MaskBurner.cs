using System.Globalization;
using Vigie.Domain.Cameras;
using Vigie.Media.Ffmpeg;

namespace Vigie.Media.Masks;

/// <summary>
/// Burns a camera's privacy masks into an exported clip: ffmpeg decodes it, overlays the masks opaque black and encodes
/// H.264 again (only the masked camera's clips are re-encoded; the others stay remuxed). The pixels under a mask are
/// gone from the result, not hidden by a player.
/// </summary>
public sealed class MaskBurner(FfmpegRunner ffmpeg, int threads = 1)
{
    /// <summary>A re-encode runs at several times real time; an hour of video gets this long at most.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(2);

    /// <summary>Writes <paramref name="output"/>: <paramref name="input"/> (width × height) with the polygons burned in.</summary>
    public async Task BurnAsync(string input, string output, IReadOnlyList<IReadOnlyList<MaskPoint>> polygons, int width, int height, CancellationToken cancellationToken)
    {
        var overlay = output + ".mask.pam";
        await File.WriteAllBytesAsync(overlay, MaskRaster.ToOverlayPam(MaskRaster.Fill(polygons, width, height), width, height), cancellationToken).ConfigureAwait(false);
        try
        {
            string[] arguments =
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-i", input,
                "-i", overlay,
                "-filter_complex", string.Create(CultureInfo.InvariantCulture, $"[1:v]scale={width}:{height}[m];[0:v][m]overlay=0:0:eof_action=repeat,format=yuv420p[v]"),
                "-map", "[v]",
                "-fps_mode", "passthrough",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-threads", threads.ToString(CultureInfo.InvariantCulture),
                "-movflags", "+faststart",
                output,
            ];
            await ffmpeg.RunAsync(FfmpegRunner.Ffmpeg, arguments, Timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(overlay);
        }
    }
}
