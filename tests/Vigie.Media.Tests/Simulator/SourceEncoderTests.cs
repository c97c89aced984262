using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Simulator;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Simulator;

public sealed class SourceEncoderTests : IDisposable
{
    private const int Frames = 50;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-encoder-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_encoders_starting_at_once_on_one_empty_cache_folder_both_succeed_and_leave_one_complete_file()
    {
        var encoders = Enumerable.Range(0, 2).Select(_ => new SourceEncoder(new FfmpegRunner(NullLogger.Instance), _folder)).ToList();

        var sources = await Task.WhenAll(encoders.Select(e => Task.Run(() => EncodeAsync(e))));

        Assert.All(sources, s => Assert.Equal(Frames, s.Units.Count));
        Assert.All(sources, s => Assert.True(s.Units[0].IsKeyframe));
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith(".h264", file, StringComparison.Ordinal);
        Assert.Equal($"h264,{Frames}", await ProbeAsync(file));
    }

    [Fact]
    public async Task A_cache_file_that_holds_no_decodable_picture_is_encoded_again()
    {
        await EncodeAsync(new SourceEncoder(new FfmpegRunner(NullLogger.Instance), _folder));
        var file = Assert.Single(Directory.GetFiles(_folder));
        await File.WriteAllBytesAsync(file, new byte[4096], Ct);

        var source = await EncodeAsync(new SourceEncoder(new FfmpegRunner(NullLogger.Instance), _folder));

        Assert.Equal(Frames, source.Units.Count);
        Assert.Equal($"h264,{Frames}", await ProbeAsync(Assert.Single(Directory.GetFiles(_folder))));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Task<SimulatorSource> EncodeAsync(SourceEncoder encoder) =>
        encoder.SyntheticAsync("testsrc2", 320, 240, 25, TimeSpan.FromSeconds(Frames / 25.0), "500k", Ct);

    /// <summary>ffprobe's codec and count of decoded frames, e.g. "h264,50".</summary>
    private static async Task<string> ProbeAsync(string file)
    {
        var probe = await FfTool.RunAsync("ffprobe",
            ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", file], Ct);
        Assert.Equal(0, probe.ExitCode);
        return probe.StandardOutput.Trim();
    }
}
