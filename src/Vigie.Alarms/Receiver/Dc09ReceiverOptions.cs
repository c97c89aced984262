namespace Vigie.Alarms.Receiver;

public sealed record Dc09ReceiverOptions
{
    /// <summary>A frame's time stamp may be this far in the past…</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>…and this far in the future; outside the window it gets a NAK with the receiver's time.</summary>
    public TimeSpan MaxAhead { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A retransmission (same account, sequence and content) within this time is stored once and acknowledged again.</summary>
    public TimeSpan RetransmissionWindow { get; init; } = TimeSpan.FromMinutes(10);

    public int MaxFrameBytes { get; init; } = Dc09.Dc09FrameSplitter.DefaultMaxFrameBytes;

    /// <summary>A connection whose frame stays incomplete this long (e.g. one byte a second) is answered NAK and closed.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection silent this long is closed (panels reconnect for each message or keep the line with NULL messages).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxConnections { get; init; } = 2000;

    public int MaxConnectionsPerAddress { get; init; } = 256;

    /// <summary>
    /// Frames of one TCP connection handled and not yet answered; past that the connection is not read until its
    /// oldest frame is answered. A panel waits for each ACK and a receiver's transmitter pipelines a few: this is
    /// each connection's fair share of the group commit, so that a flooding sender only slows itself.
    /// </summary>
    public int MaxInFlightPerConnection { get; init; } = 64;

    /// <summary>UDP datagrams being handled at once, in all; past that (or the per-address cap) a datagram is dropped unanswered and the panel repeats it.</summary>
    public int MaxUdpInFlight { get; init; } = 1024;

    public int MaxUdpInFlightPerAddress { get; init; } = 64;
}
