namespace Vigie.Media.Rtsp;

/// <summary>
/// Settings of one RTSP session. Safe defaults for cameras on a LAN; every wait is bounded.
/// Credentials may come from <see cref="UserName"/>/<see cref="Password"/> or from the URL's user
/// information; they are sent only in Authorization headers and never logged.
/// </summary>
public sealed class RtspClientOptions
{
    public required Uri Uri { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public RtspTransportMode Transport { get; init; } = RtspTransportMode.TcpInterleaved;

    /// <summary>TCP connect to the camera.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>From sending a request to having its whole response.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest silence tolerated once playing (no RTP on any track); then the session fails so the
    /// supervisor can reconnect. <see cref="Timeout.InfiniteTimeSpan"/> disables the watchdog.
    /// </summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TCP interleaved only: the receive tick. A camera nobody watches is read once per tick, on a timer
    /// shared by every session of the process, instead of whenever bytes arrive (one or more wake-ups per
    /// frame): per wake-up the scheduler, epoll and the thread pool cost more than the bytes, and aligned
    /// wake-ups let the thread pool run all the cameras' reads back to back (docs/decisions/0021). Frames
    /// reach the recorder up to this much later. A live viewer (<see cref="IRtpPacketSink.Delivery"/>), a
    /// request waiting for its response and the first second after PLAY are read at once.
    /// <see cref="TimeSpan.Zero"/> turns batching off.
    /// </summary>
    public TimeSpan ReceiveBatching { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Shared by the sessions of a recorder: at most its count of them between connecting and PLAY's answer,
    /// the others wait their turn. A thousand cameras started in the same second (a host start) otherwise
    /// all handshake, and all get their first keyframes, at once. Null: no limit.
    /// </summary>
    public SemaphoreSlim? StartGate { get; init; }

    /// <summary>Used when the Session header carries no timeout (RFC 2326 §12.37 default: 60 s).</summary>
    public TimeSpan DefaultSessionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Response header block cap; a camera's are well under 2 KiB.</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Response body cap (the SDP); a camera's is well under 4 KiB.</summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>301/302 redirects followed before giving up (RFC 2326 §11.3.3).</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>Also set up audio and other non-video tracks (off: Vigie records video only).</summary>
    public bool IncludeNonVideoTracks { get; init; }

    public string UserAgent { get; init; } = "Vigie";

    /// <summary>UDP only: the local address the client_port pair binds to.</summary>
    public System.Net.IPAddress UdpBindAddress { get; init; } = System.Net.IPAddress.Any;

    internal void Validate()
    {
        if (!Uri.IsAbsoluteUri || !(Uri.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"'{RtspRequest.StripUserInfo(Uri)}' is not an rtsp:// URL.", nameof(Uri));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero, nameof(ResponseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultSessionTimeout, TimeSpan.FromSeconds(2), nameof(DefaultSessionTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderBytes, 1024, nameof(MaxHeaderBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxBodyBytes, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRedirects, nameof(MaxRedirects));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBatching, TimeSpan.Zero, nameof(ReceiveBatching));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveBatching, TimeSpan.FromSeconds(1), nameof(ReceiveBatching));
        if (ReceiveTimeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceiveTimeout, TimeSpan.Zero, nameof(ReceiveTimeout));
        }
    }
}
