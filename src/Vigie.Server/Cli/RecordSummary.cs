using System.Globalization;
using System.Text;

namespace Vigie.Server.Cli;

/// <summary>What `vigie record` saw; printed as text or JSON.</summary>
internal sealed record RecordSummary(
    string Url,
    string Codec,
    int Width,
    int Height,
    double Fps,
    double BitrateKbps,
    long Frames,
    long Keyframes,
    long LostPackets,
    long DroppedFrames,
    int ReorderDepth,
    double Seconds,
    IReadOnlyList<SegmentSummary> Segments,
    string? Error)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"stream:     {Url}");
        text.AppendLine(CultureInfo.InvariantCulture, $"codec:      {Codec} {Width}x{Height}");
        text.AppendLine(CultureInfo.InvariantCulture, $"b-frames:   {(ReorderDepth > 0 ? $"yes, reordered {ReorderDepth} deep" : "none")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"fps:        {Fps}");
        text.AppendLine(CultureInfo.InvariantCulture, $"bitrate:    {BitrateKbps} kbit/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"frames:     {Frames} ({Keyframes} keyframes) in {Seconds} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"gaps:       {LostPackets} packets lost, {DroppedFrames} frames dropped");
        foreach (var segment in Segments)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"segment:    {segment.Path} {segment.StartsAt:HH:mm:ss.fff}–{segment.EndsAt:HH:mm:ss.fff}Z {segment.Frames} frames {segment.Bytes} bytes");
        }

        return text.ToString().TrimEnd();
    }
}
