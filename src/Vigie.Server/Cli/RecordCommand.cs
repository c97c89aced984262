using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Rtsp;

namespace Vigie.Server.Cli;

/// <summary>
/// `vigie record`: a one-shot diagnostic that records one stream through Vigie's own ingest (RTSP client,
/// depacketiser, fMP4 segments) and says what it saw: codec, resolution, fps, bitrate, frames, losses.
/// </summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "rtsp:// address of the stream (credentials may be given as rtsp://user:password@host/...)", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the segments", Required = true };
        var duration = new Option<string>("--for") { Description = "How long to record: 30s, 2m, 1h", DefaultValueFactory = _ => "30s" };
        var segment = new Option<string>("--segment") { Description = "Segment length (cut at the next keyframe)", DefaultValueFactory = _ => "60s" };
        var udp = new Option<bool>("--udp") { Description = "Receive RTP over UDP instead of TCP interleaved" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("record", "Record one RTSP stream into fMP4 segments and print what was seen") { url, output, duration, segment, udp, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryParseDuration(result.GetValue(duration)!, out var length) || !TryParseDuration(result.GetValue(segment)!, out var segmentLength))
            {
                await Console.Error.WriteLineAsync("vigie: durations are written like 30s, 2m or 1h").ConfigureAwait(false);
                return 2;
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var uri) || uri.Scheme is not ("rtsp" or "rtsps"))
            {
                await Console.Error.WriteLineAsync("vigie: --url must be an rtsp:// address").ConfigureAwait(false);
                return 2;
            }

            var client = new RtspClientOptions { Uri = uri, Transport = result.GetValue(udp) ? RtspTransportMode.Udp : RtspTransportMode.TcpInterleaved };
            var summary = await RecordAsync(client, Path.GetFullPath(result.GetValue(output)!), length, segmentLength, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(result.GetValue(json) ? JsonSerializer.Serialize(summary, JsonOptions) : summary.ToText());
            if (summary.Error is not null)
            {
                await Console.Error.WriteLineAsync($"vigie: {summary.Error}").ConfigureAwait(false);
            }

            return summary.Frames > 0 ? 0 : 1;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Records <paramref name="length"/> of the stream into <paramref name="folder"/> and says what was seen (also the console's stream diagnostic).</summary>
    internal static async Task<RecordSummary> RecordAsync(RtspClientOptions client, string folder, TimeSpan length, TimeSpan segmentLength, CancellationToken cancellationToken)
    {
        var uri = client.Uri;
        Directory.CreateDirectory(folder);
        var index = new CollectingIndex();
        var time = Hosting.SystemClocks.Wall;
        using var writer = new SegmentWriter(folder, "camera", index, NullLogger.Instance, segmentLength);
        var counter = new FrameCounter(writer);
        using var ingest = new CameraIngest(counter, time);
        var session = new RtspSession(client, ingest, time);
        string? error = null;
        var started = time.GetUtcNow();
        using var recorded = new CancellationTokenSource(length, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, recorded.Token);
        try
        {
            await session.StartAsync(stop.Token).ConfigureAwait(false);
        }
        catch (RtspException ex)
        {
            error = ex.Message;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The recording time is over.
        }

        ingest.Flush();
        writer.Flush();
        var elapsed = time.GetUtcNow() - started;
        var stats = ingest.Statistics;
        var segments = index.Segments;
        var first = segments.FirstOrDefault();
        var seconds = segments.Sum(s => (s.EndsAt - s.StartsAt).TotalSeconds);
        var bytes = segments.Sum(s => s.Bytes);
        return new RecordSummary(
            uri.GetLeftPart(UriPartial.Path),
            ingest.Codec?.ToString().ToUpperInvariant() ?? "?",
            first?.Width ?? 0,
            first?.Height ?? 0,
            seconds > 0 ? Math.Round(counter.Frames / seconds, 2) : 0,
            seconds > 0 ? Math.Round(bytes * 8 / seconds / 1000) : 0,
            counter.Frames,
            counter.Keyframes,
            stats?.LostPackets ?? 0,
            stats?.DroppedFrames ?? 0,
            ingest.ReorderDepth,
            Math.Round(elapsed.TotalSeconds, 1),
            segments.Select(s => new SegmentSummary(s.RelativePath, s.StartsAt, s.EndsAt, s.Frames, s.Bytes)).ToList(),
            error);
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2 || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        duration = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }

    private sealed class CollectingIndex : ISegmentIndex
    {
        public List<CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
    }

    /// <summary>Counts what the depacketiser delivered before it reaches the recorder.</summary>
    private sealed class FrameCounter(IAccessUnitSink next) : IAccessUnitSink
    {
        public long Frames { get; private set; }

        public long Keyframes { get; private set; }

        public void OnAccessUnit(AccessUnit unit)
        {
            Frames++;
            Keyframes += unit.IsKeyframe ? 1 : 0;
            next.OnAccessUnit(unit);
        }
    }
}
