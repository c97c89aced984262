using System.Globalization;
using System.Security.Cryptography;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;

namespace Vigie.Media.Simulator;

/// <summary>
/// Encodes the simulator's sources once with ffmpeg (H.264, 1 s GOP, access-unit delimiters, no B-frames,
/// like a surveillance camera) and caches them by input and settings, so later starts load at once.
/// </summary>
public sealed class SourceEncoder(FfmpegRunner ffmpeg, string cacheFolder)
{
    /// <summary>Real surveillance footage from Debian's opencv-doc: 768x576, 10 fps, people walking on a campus.</summary>
    public const string VtestPath = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    private static readonly TimeSpan EncodeTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Encodes a video file (any format ffmpeg reads) at its own frame rate.</summary>
    public async Task<SimulatorSource> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Simulator source {path} does not exist.", path);
        }

        var fps = await ProbeFrameRateAsync(path, cancellationToken).ConfigureAwait(false);
        var gop = Math.Max(1, (int)Math.Round(fps));
        var info = new FileInfo(path);
        return await EncodeAsync(
            Path.GetFileNameWithoutExtension(path),
            $"{Path.GetFullPath(path)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{gop}",
            ["-i", path, "-an", .. X264Camera(gop, "2M")],
            fps,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A synthetic scene from ffmpeg's lavfi sources (e.g. "testsrc2", "mandelbrot", "smptehdbars").</summary>
    public Task<SimulatorSource> SyntheticAsync(string filter, int width, int height, int fps, TimeSpan length, string bitrate, CancellationToken cancellationToken)
    {
        var input = $"{filter}=size={width}x{height}:rate={fps.ToString(CultureInfo.InvariantCulture)}";
        return EncodeAsync(
            $"{filter}-{width}x{height}",
            $"{input}|{length.TotalSeconds}|{bitrate}",
            ["-f", "lavfi", "-i", input, "-t", length.TotalSeconds.ToString(CultureInfo.InvariantCulture), .. X264Camera(fps, bitrate)],
            fps,
            cancellationToken);
    }

    /// <summary>x264 settings of a typical IP camera: baseline-compatible main profile, fixed GOP, no B-frames, AUD on.</summary>
    public static string[] X264Camera(int gop, string bitrate, string preset = "veryfast") =>
    [
        "-c:v", "libx264", "-preset", preset, "-profile:v", "main", "-pix_fmt", "yuv420p", "-bf", "0",
        "-g", gop.ToString(CultureInfo.InvariantCulture), "-keyint_min", gop.ToString(CultureInfo.InvariantCulture), "-sc_threshold", "0",
        "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", bitrate, "-x264-params", "aud=1", "-f", "h264",
    ];

    /// <summary>
    /// Safe for encoders running at once, in this process or others (two `vigie camsim`, test projects run in
    /// parallel): each writes its own temporary file, checks it, and renames it into place with one atomic
    /// rename(2). A file under the final name is therefore always complete — whoever finishes first wins, a
    /// later finisher replaces it with the same bytes, and a reader holding the earlier file keeps it.
    /// </summary>
    private async Task<SimulatorSource> EncodeAsync(string name, string cacheKey, string[] arguments, double fps, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheFolder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cacheKey)))[..16];
        var output = Path.Combine(cacheFolder, $"{name}-{hash}.h264");
        if (await TryLoadAsync(output, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return new SimulatorSource(name, cached, fps);
        }

        // A file that exists but holds no picture (a disk that filled up, an older version's leftovers) is encoded again and replaced.
        var temporary = $"{output}.{Environment.ProcessId}-{Guid.NewGuid():N}.part";
        try
        {
            await ffmpeg.RunAsync(FfmpegRunner.Ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", .. arguments, temporary], EncodeTimeout, cancellationToken).ConfigureAwait(false);
            var units = await TryLoadAsync(temporary, cancellationToken).ConfigureAwait(false)
                ?? throw new FfmpegException($"ffmpeg encoded the source {name} into {temporary} but it holds no decodable H.264 access unit.");
            File.Move(temporary, output, overwrite: true);
            return new SimulatorSource(name, units, fps);
        }
        finally
        {
            // Failed or cancelled: never leave a temporary file behind (after the rename there is nothing to delete).
            File.Delete(temporary);
        }
    }

    /// <summary>The access units of an encoded file when it starts with a keyframe; null when it is missing or holds no picture.</summary>
    private static async Task<IReadOnlyList<AnnexBReader.Unit>?> TryLoadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var units = AnnexBReader.ReadAll(bytes);
        return units.Count > 0 && units[0].IsKeyframe ? units : null;
    }

    private async Task<double> ProbeFrameRateAsync(string path, CancellationToken cancellationToken)
    {
        var output = await ffmpeg.RunAsync(FfmpegRunner.Ffprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=avg_frame_rate", "-of", "csv=p=0", path],
            TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var parts = output.Trim().Split('/');
        if (parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var num) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var den) && den > 0 && num > 0)
        {
            return num / den;
        }

        throw new FfmpegException($"Could not read the frame rate of {path} (ffprobe said '{output.Trim()}').");
    }
}
