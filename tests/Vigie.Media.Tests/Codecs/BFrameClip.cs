using System.Globalization;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Codecs;

/// <summary>
/// A stream with B-frames as a main/high-profile camera sends it, from a real encoder (libx264 or libx265
/// through Debian's ffmpeg, closed GOPs of 25 frames at 25 fps), with the encoder's own presentation time
/// of every frame in decode order, read back by ffprobe from the MP4 it wrote.
/// </summary>
internal sealed record BFrameClip(VideoCodec Codec, byte[] AnnexB, IReadOnlyList<long> Presentation)
{
    public static async Task<BFrameClip> EncodeAsync(VideoCodec codec, string folder, double seconds, int bFrames = 3)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = Path.Combine(folder, $"bframes-{codec}-{bFrames}-{seconds.ToString(CultureInfo.InvariantCulture)}");
        string[] encoder = codec == VideoCodec.H264
            ? ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-bf", bFrames.ToString(CultureInfo.InvariantCulture), "-g", "25", "-sc_threshold", "0"]
            : ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", FormattableString.Invariant($"bframes={bFrames}:keyint=25:min-keyint=25:open-gop=0:scenecut=0:log-level=error")];
        await RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", .. encoder, name + ".mp4"], ct);
        await RunAsync("ffmpeg", ["-v", "error", "-y", "-i", name + ".mp4", "-c", "copy", "-bsf:v", codec == VideoCodec.H264 ? "h264_mp4toannexb" : "hevc_mp4toannexb", "-f", codec == VideoCodec.H264 ? "h264" : "hevc", name + ".es"], ct);
        var packets = await RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts,dts:stream=time_base", "-of", "csv=p=0", name + ".mp4"], ct);
        var lines = packets.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var timeBase = lines.First(l => l.Contains('/', StringComparison.Ordinal)).Split('/');
        var (num, den) = (long.Parse(timeBase[0], CultureInfo.InvariantCulture), long.Parse(timeBase[1], CultureInfo.InvariantCulture));
        var presentation = lines.Where(l => !l.Contains('/', StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) * AccessUnit.ClockRate * num / den)
            .ToList();
        return new BFrameClip(codec, await File.ReadAllBytesAsync(name + ".es", ct), presentation);
    }

    /// <summary>The clip's frames in decode order with the encoder's presentation times (+ <paramref name="offset"/>), decode times not yet assigned.</summary>
    public List<AccessUnit> Units(long offset = 0)
    {
        var units = AnnexBTestSplitter.ToAccessUnits(AnnexB, Codec);
        Assert.Equal(Presentation.Count, units.Count);
        var timed = new List<AccessUnit>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            timed.Add(AccessUnit.Copy(unit.Data.Span, unit.Codec, offset + Presentation[i], unit.IsKeyframe, unit.Parameters, null, DateTimeOffset.UnixEpoch));
            unit.Release();
        }

        return timed;
    }

    private static async Task<string> RunAsync(string program, string[] arguments, CancellationToken ct)
    {
        var result = await FfTool.RunAsync(program, arguments, ct);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }
}
