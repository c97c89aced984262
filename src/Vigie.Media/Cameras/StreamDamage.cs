using Vigie.Media.Rtp;

namespace Vigie.Media.Cameras;

/// <summary>What a camera's stream lost or got wrong since the host started, summed over its sessions.</summary>
public sealed record StreamDamage(long LostPackets, long MalformedPackets, long WrongPayloadTypePackets, long DroppedFrames)
{
    public static readonly StreamDamage None = new(0, 0, 0, 0);

    public static StreamDamage Of(DepacketizerStatistics? statistics) => statistics is null
        ? None
        : new(statistics.LostPackets, statistics.MalformedPackets, statistics.WrongPayloadTypePackets, statistics.DroppedFrames);

    public long Total => LostPackets + MalformedPackets + WrongPayloadTypePackets + DroppedFrames;

    public static StreamDamage operator +(StreamDamage a, StreamDamage b) =>
        new(a.LostPackets + b.LostPackets, a.MalformedPackets + b.MalformedPackets, a.WrongPayloadTypePackets + b.WrongPayloadTypePackets, a.DroppedFrames + b.DroppedFrames);

    public static StreamDamage operator -(StreamDamage a, StreamDamage b) =>
        new(a.LostPackets - b.LostPackets, a.MalformedPackets - b.MalformedPackets, a.WrongPayloadTypePackets - b.WrongPayloadTypePackets, a.DroppedFrames - b.DroppedFrames);

    /// <summary>A short account of the damage, e.g. "3 lost packets, 1 dropped frame".</summary>
    public string Describe()
    {
        var parts = new List<string>(4);
        Add(parts, LostPackets, "lost packet");
        Add(parts, MalformedPackets, "malformed packet");
        Add(parts, WrongPayloadTypePackets, "packet of another payload type");
        Add(parts, DroppedFrames, "dropped frame");
        return string.Join(", ", parts);
    }

    private static void Add(List<string> parts, long count, string what)
    {
        if (count > 0)
        {
            parts.Add(count == 1 ? $"1 {what}" : $"{count} {what.Replace("packet", "packets", StringComparison.Ordinal).Replace("frame", "frames", StringComparison.Ordinal)}");
        }
    }
}
