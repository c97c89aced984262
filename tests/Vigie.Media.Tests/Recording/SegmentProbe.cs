using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Vigie.Media.Tests.Recording;

/// <summary>ffprobe's view of a recorded segment: the real judge of validity.</summary>
internal static class SegmentProbe
{
    public sealed record Probe(string Codec, int Width, int Height, int Frames, double Duration);

    public static async Task<Probe> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffprobe") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,nb_read_frames:format=duration", "-of", "json", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var errors = await stderr;
        Assert.True(process.ExitCode == 0 && errors.Length == 0, $"ffprobe {path}: exit {process.ExitCode}: {errors}");
        using var json = JsonDocument.Parse(await stdout);
        var stream = json.RootElement.GetProperty("streams")[0];
        return new Probe(
            stream.GetProperty("codec_name").GetString()!,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }
}
