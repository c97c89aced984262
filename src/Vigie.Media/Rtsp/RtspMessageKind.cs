namespace Vigie.Media.Rtsp;

/// <summary>What <see cref="RtspMessageReader"/> found next on the connection.</summary>
internal enum RtspMessageKind
{
    /// <summary>A response to one of our requests.</summary>
    Response,

    /// <summary>An RTP or RTCP packet framed with '$' (RFC 2326 §10.12).</summary>
    InterleavedFrame,

    /// <summary>A request from the server (RFC 2326 allows e.g. ANNOUNCE, SET_PARAMETER); read and skipped.</summary>
    ServerRequest,
}
