using Microsoft.Extensions.Logging;

namespace Vigie.Alarms.Receiver;

/// <summary>What the DC-09 sockets log (TCP listener and connections, UDP listener): one catalogue for the transport side.</summary>
internal static partial class Dc09ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DC-09 receiver listening on {Address}:{Port} (TCP and UDP)")]
    public static partial void Listening(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 accept failed: {Reason}")]
    public static partial void AcceptFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 connection from {Remote} refused: {Total} connections open, {FromAddress} from this address")]
    public static partial void TooManyConnections(ILogger logger, string remote, int total, int fromAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 {Remote}: no complete frame within the frame time-out since bytes came ({Pending} bytes of a frame pending); NAK and closed")]
    public static partial void FrameTimeout(ILogger logger, string remote, int pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DC-09 {Remote}: idle connection closed")]
    public static partial void Idle(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "DC-09 connection {Remote} closed: no frame within the frame time-out of its opening")]
    public static partial void NoFrame(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Error, Message = "DC-09 connection {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 UDP receive failed: {Reason}")]
    public static partial void UdpFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DC-09 datagram from {Remote} dropped: too many datagrams in progress")]
    public static partial void UdpDropped(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 datagram from {Remote} ({Bytes} bytes) holds no frame; NAK")]
    public static partial void BadDatagram(ILogger logger, string remote, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 {Remote}: {Bytes} bytes discarded ({Reason})")]
    public static partial void Discarded(ILogger logger, string remote, int bytes, string reason);
}
