namespace Vigie.Media.Rtsp;

/// <summary>A complete RTSP response (RFC 2326 §7): status line, headers and the body bytes.</summary>
public sealed record RtspResponse(int StatusCode, string Reason, RtspHeaders Headers, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The CSeq echoed by the server (RFC 2326 §12.17), or null when absent or not a number.</summary>
    public int? CSeq => int.TryParse(Headers["CSeq"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
