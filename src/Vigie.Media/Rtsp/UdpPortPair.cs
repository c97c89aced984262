using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Vigie.Media.Rtsp;

/// <summary>
/// The two UDP sockets of one track: RTP on an even port and RTCP on the next odd one (RFC 3550 §11,
/// RFC 2326 §12.39 client_port). Each has its own pooled 64 KiB receive buffer (the largest UDP
/// payload), reused for every datagram.
/// </summary>
internal sealed class UdpPortPair : IDisposable
{
    private const int MaxDatagram = 65_536;
    private const int BindAttempts = 32;

    private readonly Socket _rtp;
    private readonly Socket _rtcp;

    private UdpPortPair(Socket rtp, Socket rtcp)
    {
        _rtp = rtp;
        _rtcp = rtcp;
    }

    public int RtpPort => ((IPEndPoint)_rtp.LocalEndPoint!).Port;

    public int RtcpPort => ((IPEndPoint)_rtcp.LocalEndPoint!).Port;

    /// <summary>Lets the OS pick a port, keeps it when even and the next one is free; a few tries, then fails.</summary>
    public static UdpPortPair Bind(IPAddress address)
    {
        for (var attempt = 0; attempt < BindAttempts; attempt++)
        {
            var rtp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(address, 0));
                var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
                if (port % 2 == 0 && port < IPEndPoint.MaxPort)
                {
                    var rtcp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                    try
                    {
                        rtcp.Bind(new IPEndPoint(address, port + 1));
                        SizeReceiveBuffer(rtp);
                        return new UdpPortPair(rtp, rtcp);
                    }
                    catch (SocketException)
                    {
                        // port + 1 is taken: try another pair.
                        rtcp.Dispose();
                    }
                }
            }
            catch (SocketException e)
            {
                rtp.Dispose();
                throw new RtspException("binding UDP ports", $"no UDP port on {address} ({e.SocketErrorCode})", e);
            }

            rtp.Dispose();
        }

        throw new RtspException("binding UDP ports", $"no free even/odd UDP port pair on {address} after {BindAttempts} tries");
    }

    /// <summary>A burst of a large key frame is hundreds of datagrams: ask for a receive buffer that holds one.</summary>
    private static void SizeReceiveBuffer(Socket socket)
    {
        try
        {
            socket.ReceiveBufferSize = 2 * 1024 * 1024;
        }
        catch (SocketException)
        {
            // The OS caps it (net.core.rmem_max); the default then applies, which only matters under load.
        }
    }

    /// <summary>Receives on both sockets until cancelled or a socket fails; packets go to the dispatcher.</summary>
    public Task RunAsync(int trackIndex, PacketDispatcher dispatcher, CancellationToken cancellationToken) =>
        Task.WhenAll(ReceiveAsync(_rtp, trackIndex, isRtcp: false, dispatcher, cancellationToken), ReceiveAsync(_rtcp, trackIndex, isRtcp: true, dispatcher, cancellationToken));

    private static async Task ReceiveAsync(Socket socket, int trackIndex, bool isRtcp, PacketDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            while (true)
            {
                int length;
                try
                {
                    length = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // An ICMP port-unreachable from an earlier send; UDP has no connection to lose.
                    continue;
                }
                catch (SocketException e)
                {
                    throw new RtspException($"receiving {(isRtcp ? "RTCP" : "RTP")} on UDP port {((IPEndPoint)socket.LocalEndPoint!).Port}", e.SocketErrorCode.ToString(), e);
                }

                if (length > 0)
                {
                    dispatcher.Deliver(trackIndex, isRtcp, buffer.AsSpan(0, length));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
