using System.Diagnostics;
using System.Globalization;

namespace Vigie.Bench.Playback;

/// <summary>
/// The minute every segment of the archive is cut from: ffmpeg's testsrc2 pattern (moving, so every
/// P-frame carries data) encoded once by Debian's ffmpeg as H.264 Annex B, 320x180, 25 fps, a keyframe
/// every 25 frames (one per second, as cameras are usually set, so a fragment a second) at a low bit rate
/// so that 43,200 files stay a few GB.
/// </summary>
public static class SourceClip
{
    public const int Width = 320;
    public const int Height = 180;
    public const int FramesPerSecond = 25;
    public const int FramesPerMinute = 60 * FramesPerSecond;

    public static string Describe(int bitrateKbps) => string.Create(CultureInfo.InvariantCulture,
        $"H.264 baseline {Width}x{Height} {FramesPerSecond} fps, GOP {FramesPerSecond} (one keyframe a second), {bitrateKbps} kbit/s, ffmpeg testsrc2");

    public static async Task<byte[]> EncodeAsync(string path, int bitrateKbps, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={Width}x{Height}:rate={FramesPerSecond}"),
            "-frames:v", FramesPerMinute.ToString(CultureInfo.InvariantCulture), "-an",
            "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "baseline",
            "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
            "-b:v", $"{bitrateKbps}k", "-maxrate", $"{bitrateKbps * 3 / 2}k", "-bufsize", $"{bitrateKbps * 2}k",
            "-f", "h264", path,
        ];
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Console.WriteLine($"$ ffmpeg {string.Join(' ', arguments)}");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start ffmpeg");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await output.ConfigureAwait(false);
        var stderr = await errors.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}) encoding the source minute: {stderr}");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
