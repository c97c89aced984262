using System.Diagnostics;

namespace Vigie.Bench.Recording;

/// <summary>
/// The clip every simulated camera plays: 20 s of ffmpeg's testsrc2 pattern at 1280x720, 25 fps, stored
/// near-lossless; the simulator re-encodes it like a camera (x264, 2 Mbit/s, GOP 25 = 1 s).
/// </summary>
public static class SourceClip
{
    public static async Task<string> EnsureAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "testsrc2-1280x720-25fps-20s.mkv");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("ffmpeg",
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-t", "20",
             "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", "-pix_fmt", "yuv420p", path + ".part.mkv"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        using var ffmpeg = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var error = await ffmpeg.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not generate the source clip: {error}");
        }

        File.Move(path + ".part.mkv", path);
        return path;
    }
}
