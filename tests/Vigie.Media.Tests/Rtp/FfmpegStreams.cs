using System.Diagnostics;
using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Rtp;

/// <summary>
/// Encodes two seconds of ffmpeg's testsrc2 once per test class with Debian's ffmpeg (a real encoder, not
/// hand-made bytes): H.264 with libx264 and H.265 with libx265, 25 fps, a keyframe every second.
/// </summary>
public sealed class FfmpegStreams : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigie-rtp-").FullName;
    private EncodedStream? _h264;
    private EncodedStream? _h265;

    internal EncodedStream H264 => _h264 ?? throw new InvalidOperationException("Not encoded yet.");

    internal EncodedStream H265 => _h265 ?? throw new InvalidOperationException("Not encoded yet.");

    public async ValueTask InitializeAsync()
    {
        _h264 = await EncodeAsync("libx264", "h264", "out.h264", VideoCodec.H264, "-bsf:v", "h264_mp4toannexb");
        _h265 = await EncodeAsync("libx265", "hevc", "out.h265", VideoCodec.H265, "-x265-params", "log-level=error");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<EncodedStream> EncodeAsync(string encoder, string format, string file, VideoCodec codec, params string[] extra)
    {
        var output = Path.Combine(_directory, file);
        var start = new ProcessStartInfo("ffmpeg")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                     "-t", "2", "-pix_fmt", "yuv420p", "-c:v", encoder, "-g", "25", .. extra, "-f", format, "-y", output])
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed to encode {file} ({string.Join(' ', start.ArgumentList)}): {await stderr}");
        }

        return EncodedStream.Load(output, codec);
    }
}
