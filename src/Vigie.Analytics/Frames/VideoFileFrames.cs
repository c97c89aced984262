using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigie.Analytics.Motion;
using Vigie.Media.Ffmpeg;

namespace Vigie.Analytics.Frames;

/// <summary>A video file's picture size, frame rate and length, as ffprobe reads them.</summary>
public sealed record VideoInfo(int Width, int Height, double Fps, double Seconds);

/// <summary>
/// Frames of a video file for evaluation and `vigie analytics run`: Debian's ffmpeg decodes, samples at the analysis
/// rate and scales to grey at the wanted width; frames are dated from <c>origin</c> by their rank (frame k at k / fps).
/// </summary>
public static class VideoFileFrames
{
    public static async Task<VideoInfo> ProbeAsync(FfmpegRunner runner, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No video file at {path}.", path);
        }

        var json = await runner.RunAsync(
            FfmpegRunner.Ffprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate:format=duration", "-of", "json", path],
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.GetProperty("streams");
        if (streams.GetArrayLength() == 0)
        {
            throw new FfmpegException($"{path} has no video stream.");
        }

        var stream = streams[0];
        var fps = Rate(stream.GetProperty("avg_frame_rate").GetString()) ?? Rate(stream.GetProperty("r_frame_rate").GetString()) ?? 25;
        var seconds = document.RootElement.TryGetProperty("format", out var format) && format.TryGetProperty("duration", out var d)
            && double.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var s) ? s : 0;
        return new VideoInfo(stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32(), fps, seconds);
    }

    /// <summary>The picture height for <paramref name="width"/> keeping the aspect, even (what the encoders want).</summary>
    public static int HeightFor(VideoInfo info, int width) => Math.Max(8, (int)Math.Round(info.Height * (double)width / info.Width / 2) * 2);

    public static async IAsyncEnumerable<GrayFrame> ReadAsync(
        FfmpegRunner runner,
        string path,
        VideoInfo info,
        int width,
        double fps,
        DateTimeOffset origin,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var height = HeightFor(info, width);
        var filter = string.Create(CultureInfo.InvariantCulture, $"fps={fps},scale={width}:{height}:flags=area,format=gray");
        using var process = runner.StartStreaming(FfmpegRunner.Ffmpeg, ["-v", "error", "-nostdin", "-i", path, "-an", "-vf", filter, "-f", "rawvideo", "pipe:1"]);
        var stream = process.StandardOutput.BaseStream;
        var size = width * height;
        try
        {
            for (var k = 0L; ; k++)
            {
                var pixels = new byte[size];
                var read = await stream.ReadAtLeastAsync(pixels, size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < size)
                {
                    break;
                }

                yield return new GrayFrame(width, height, pixels, origin.AddSeconds(k / fps));
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new FfmpegException($"ffmpeg could not decode {path} (exit {process.ExitCode}).");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static double? Rate(string? text)
    {
        var parts = (text ?? "").Split('/');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && n > 0 && d > 0
            ? n / d
            : null;
    }
}
