using System.Globalization;
using System.Text.Json;

namespace Vigie.Media.Tests.Mp4;

/// <summary>The parts of `ffprobe -show_streams -show_format -count_frames -of json` the tests check.</summary>
internal sealed record FfprobeReport(string Codec, int Width, int Height, int Frames, double Duration, int KeyPackets)
{
    public static async Task<FfprobeReport> ProbeAsync(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = await FfTool.RunAsync("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-count_frames", "-of", "json", path], ct);
        Assert.True(probe.ExitCode == 0 && probe.StandardError.Length == 0, $"ffprobe {path}: {probe.StandardError}");
        using var json = JsonDocument.Parse(probe.StandardOutput);
        var stream = json.RootElement.GetProperty("streams")[0];
        var format = json.RootElement.GetProperty("format");

        // Keyframe flags as the demuxer read them from the trun sample flags.
        var packets = await FfTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=flags", "-of", "csv=p=0", path], ct);
        var keyPackets = packets.StandardOutput.Split('\n').Count(line => line.StartsWith('K'));

        return new FfprobeReport(
            stream.GetProperty("codec_name").GetString()!,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(format.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            keyPackets);
    }

    /// <summary>Decodes every frame with ffmpeg at the warning level ("non monotonically increasing dts" is one); its output, empty when clean.</summary>
    public static async Task<string> DecodeWarningsAsync(string path)
    {
        var decode = await FfTool.RunAsync("ffmpeg", ["-v", "warning", "-i", path, "-f", "null", "-"], TestContext.Current.CancellationToken);
        return decode.ExitCode == 0 ? decode.StandardError : $"exit {decode.ExitCode}: {decode.StandardError}";
    }

    /// <summary>Presentation time of every packet in decode order, 90 kHz (recordings' timescale).</summary>
    public static async Task<List<long>> PacketPresentationTimesAsync(string path)
    {
        var packets = await FfTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts", "-of", "csv=p=0", path], TestContext.Current.CancellationToken);
        Assert.Equal(0, packets.ExitCode);
        return [.. packets.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l, CultureInfo.InvariantCulture))];
    }

    /// <summary>Decodes every frame with ffmpeg; returns its error output (empty when clean).</summary>
    public static async Task<string> DecodeErrorsAsync(string path)
    {
        var decode = await FfTool.RunAsync("ffmpeg", ["-v", "error", "-i", path, "-f", "null", "-"], TestContext.Current.CancellationToken);
        return decode.ExitCode == 0 ? decode.StandardError : $"exit {decode.ExitCode}: {decode.StandardError}";
    }
}
