using System.Diagnostics;
using System.Text.Json;

namespace Vigie.Media.Tests.Simulator;

/// <summary>Debian's ffprobe as the real RTSP client peer.</summary>
internal static class FfprobeClient
{
    public sealed record Probe(string Codec, int Width, int Height, int Frames, string Error);

    /// <summary>Reads <paramref name="seconds"/> of the stream and counts decoded frames.</summary>
    public static Task<Probe> ReadAsync(string url, string transport, double seconds, CancellationToken cancellationToken) =>
        RunAsync(url, transport, seconds, "frames", cancellationToken);

    /// <summary>Reads <paramref name="seconds"/> of the stream and counts packets (frames) without decoding them: cheap enough for many clients at once.</summary>
    public static Task<Probe> CountPacketsAsync(string url, string transport, double seconds, CancellationToken cancellationToken) =>
        RunAsync(url, transport, seconds, "packets", cancellationToken);

    private static async Task<Probe> RunAsync(string url, string transport, double seconds, string count, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffprobe") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v", "error", "-rtsp_transport", transport, "-read_intervals", $"%+{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", $"-count_{count}", "-select_streams", "v:0", "-show_entries", $"stream=codec_name,width,height,nb_read_{count}", "-of", "json", url })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        await process.WaitForExitAsync(limit.Token);
        var output = await stdout;
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(output) ? "{}" : output);
        if (!json.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            return new Probe(string.Empty, 0, 0, 0, await stderr);
        }

        var s = streams[0];
        return new Probe(
            s.TryGetProperty("codec_name", out var codec) ? codec.GetString()! : string.Empty,
            s.TryGetProperty("width", out var width) ? width.GetInt32() : 0,
            s.TryGetProperty("height", out var height) ? height.GetInt32() : 0,
            s.TryGetProperty($"nb_read_{count}", out var frames) ? int.Parse(frames.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0,
            await stderr + output);
    }
}
