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

    /// <summary>
    /// A JPEG picture with the polygons burned in (a snapshot of a camera masked by the server), through ffmpeg in
    /// <paramref name="workFolder"/>; the picture's size is read from its frame header.
    /// </summary>
    public async Task<byte[]> BurnJpegAsync(byte[] jpeg, IReadOnlyList<IReadOnlyList<MaskPoint>> polygons, string workFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        var (width, height) = JpegSize(jpeg) ?? throw new InvalidDataException("the snapshot is not a JPEG picture with a frame header");
        Directory.CreateDirectory(workFolder);
        var name = Path.Combine(workFolder, $"masked-{Guid.NewGuid():N}");
        var (input, overlay, output) = (name + ".in.jpg", name + ".mask.pam", name + ".jpg");
        try
        {
            await File.WriteAllBytesAsync(input, jpeg, cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(overlay, MaskRaster.ToOverlayPam(MaskRaster.Fill(polygons, width, height), width, height), cancellationToken).ConfigureAwait(false);
            await ffmpeg.RunAsync(FfmpegRunner.Ffmpeg, ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", input, "-i", overlay,
                "-filter_complex", "[0:v][1:v]overlay=0:0", "-frames:v", "1", "-q:v", "3", output], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(input);
            File.Delete(overlay);
            File.Delete(output);
        }
    }

    /// <summary>Width and height from a JPEG's start-of-frame segment (SOF0 to SOF15 but DHT, JPG and DAC), or null.</summary>
    public static (int Width, int Height)? JpegSize(ReadOnlySpan<byte> jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + length;
        }

        return null;
    }

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
