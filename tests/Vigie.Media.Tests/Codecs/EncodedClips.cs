using System.Collections.Concurrent;
using Vigie.Media.Tests.Mp4;

[assembly: AssemblyFixture(typeof(Vigie.Media.Tests.Codecs.EncodedClips))]

namespace Vigie.Media.Tests.Codecs;

/// <summary>
/// Short raw Annex-B streams encoded once per test run by Debian's ffmpeg (libx264/libx265), the way a
/// camera would send them: no B-frames, a keyframe every second (-g 25 at 25 fps).
/// </summary>
public sealed class EncodedClips : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _clips = new();

    public EncodedClips()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"vigie-media-tests-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>H.264 (libx264, High profile) at 25 fps; <paramref name="extraX264Params"/> e.g. "cqm=jvt".</summary>
    public Task<byte[]> H264Async(int width, int height, double seconds, string pixelFormat = "yuv420p", string extraX264Params = "") =>
        GetAsync($"h264-{width}x{height}-{seconds}-{pixelFormat}-{extraX264Params.Replace('=', '_')}.h264", ["-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "25", "-pix_fmt", pixelFormat, .. (extraX264Params.Length > 0 ? new[] { "-x264-params", extraX264Params } : []), "-bsf:v", "h264_mp4toannexb", "-f", "h264"], width, height, seconds);

    /// <summary>H.265 (libx265, Main profile) at 25 fps.</summary>
    public Task<byte[]> H265Async(int width, int height, double seconds) =>
        GetAsync($"h265-{width}x{height}-{seconds}.hevc", ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "bframes=0:keyint=25:min-keyint=25:log-level=error", "-pix_fmt", "yuv420p", "-f", "hevc"], width, height, seconds);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private Task<byte[]> GetAsync(string name, string[] encoder, int width, int height, double seconds) =>
        _clips.GetOrAdd(name, _ => new Lazy<Task<byte[]>>(() => EncodeAsync(name, encoder, width, height, seconds))).Value;

    private async Task<byte[]> EncodeAsync(string name, string[] encoder, int width, int height, double seconds)
    {
        var path = Path.Combine(Directory, name);
        string[] arguments =
        [
            "-v", "error", "-y", "-f", "lavfi",
            "-i", FormattableString.Invariant($"testsrc2=size={width}x{height}:rate=25"),
            "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. encoder, path,
        ];
        var result = await FfTool.RunAsync("ffmpeg", arguments, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not encode {name}: {result.StandardError}");
        }

        return await File.ReadAllBytesAsync(path);
    }
}
