namespace Vigie.Media.Rtsp;

/// <summary>How RTP reaches the client (RFC 2326 §12.39).</summary>
public enum RtspTransportMode
{
    /// <summary>RTP and RTCP inside the RTSP TCP connection, '$'-framed (§10.12). Default: crosses NAT and firewalls, no loss.</summary>
    TcpInterleaved,

    /// <summary>RTP/AVP over UDP to a client_port pair (even RTP, odd RTCP; RFC 3550 §11).</summary>
    Udp,
}
