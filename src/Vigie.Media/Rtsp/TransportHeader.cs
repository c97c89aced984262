using System.Globalization;

namespace Vigie.Media.Rtsp;

/// <summary>
/// The parts of a Transport header (RFC 2326 §12.39) a client needs: the protocol, the interleaved
/// channels (TCP) or the port pairs (UDP). Servers may list several transports separated by ','; the
/// reply to SETUP holds the one chosen, and only the first is read.
/// </summary>
internal sealed record TransportHeader
{
    public bool IsTcp { get; init; }

    public (int Rtp, int Rtcp)? Interleaved { get; init; }

    public (int Rtp, int Rtcp)? ClientPorts { get; init; }

    public (int Rtp, int Rtcp)? ServerPorts { get; init; }

    public string? Ssrc { get; init; }

    public static string ForTcp(int rtpChannel) =>
        string.Create(CultureInfo.InvariantCulture, $"RTP/AVP/TCP;unicast;interleaved={rtpChannel}-{rtpChannel + 1}");

    public static string ForUdp(int rtpPort) =>
        string.Create(CultureInfo.InvariantCulture, $"RTP/AVP;unicast;client_port={rtpPort}-{rtpPort + 1}");

    /// <summary>Parses the header; null when it is missing the transport-spec or has malformed ranges.</summary>
    public static TransportHeader? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var first = value.Split(',')[0];
        var parts = first.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[0].StartsWith("RTP/AVP", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // RFC 2326 §12.39: lower-transport defaults to UDP; "RTP/AVP/TCP" selects TCP.
        var result = new TransportHeader { IsTcp = parts[0].EndsWith("/TCP", StringComparison.OrdinalIgnoreCase) };
        for (var i = 1; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var name = parts[i][..eq].Trim().ToLowerInvariant();
            var text = parts[i][(eq + 1)..].Trim();
            switch (name)
            {
                case "interleaved":
                    result = result with { Interleaved = ParseRange(text, 255) ?? throw new FormatException($"interleaved={text}") };
                    break;
                case "client_port":
                    result = result with { ClientPorts = ParseRange(text, 65535) };
                    break;
                case "server_port":
                    result = result with { ServerPorts = ParseRange(text, 65535) };
                    break;
                case "ssrc":
                    result = result with { Ssrc = text };
                    break;
                default:
                    break;
            }
        }

        return result;
    }

    /// <summary>"a-b" or a single "a" meaning a and a+1 (RFC 2326 §12.39 port and channel ranges).</summary>
    private static (int, int)? ParseRange(string text, int max)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var lowText = dash < 0 ? text : text[..dash];
        if (!int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low) || low > max)
        {
            return null;
        }

        if (dash < 0)
        {
            return low + 1 <= max ? (low, low + 1) : null;
        }

        return int.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var high) && high <= max ? (low, high) : null;
    }
}
