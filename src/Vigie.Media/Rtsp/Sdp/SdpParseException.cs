namespace Vigie.Media.Rtsp.Sdp;

/// <summary>
/// The session description a camera sent could not be understood. The only exception type the SDP
/// parser throws, whatever the input, so callers can report "bad SDP" without catching broadly.
/// </summary>
public sealed class SdpParseException : Exception
{
    public SdpParseException()
    {
    }

    public SdpParseException(string message)
        : base(message)
    {
    }

    public SdpParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line number where parsing stopped, or 0 when the error is about the whole text.</summary>
    public int LineNumber { get; init; }
}
