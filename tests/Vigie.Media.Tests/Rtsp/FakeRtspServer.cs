using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>
/// A scripted TCP server on loopback for what no real server does on purpose: garbage, endless headers,
/// lies about lengths, silence. Each accepted connection runs <c>script</c>; requests are read whole
/// (up to the blank line) and given back as text.
/// </summary>
public sealed class FakeRtspServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeRtspServer(Func<Peer, CancellationToken, Task> script)
    {
        _listener.Start();
        _accepting = AcceptAsync(script);
    }

    public Uri Uri => new($"rtsp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/stream");

    /// <summary>Every request received, in order, across connections.</summary>
    public List<string> Requests { get; } = [];

    private async Task AcceptAsync(Func<Peer, CancellationToken, Task> script)
    {
        var running = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                running.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            await script(new Peer(client.GetStream(), this), _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                        {
                            // The client hung up or the test ended: that is what many scripts provoke.
                        }
                    }
                }));
            }
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(running);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    public sealed class Peer(NetworkStream stream, FakeRtspServer server)
    {
        private readonly List<byte> _pending = [];
        private readonly SemaphoreSlim _write = new(1, 1);

        public NetworkStream Stream => stream;

        /// <summary>Reads one request; returns its text, or null when the client closed the connection.</summary>
        public async Task<string?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[4096];
            while (true)
            {
                var text = Encoding.UTF8.GetString([.. _pending]);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    _pending.RemoveRange(0, Encoding.UTF8.GetByteCount(text[..(end + 4)]));
                    var request = text[..end];
                    lock (server.Requests)
                    {
                        server.Requests.Add(request);
                    }

                    return request;
                }

                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return null;
                }

                _pending.AddRange(buffer.AsSpan(0, read).ToArray());
            }
        }

        public static string Header(string request, string name)
        {
            foreach (var line in request.Split("\r\n"))
            {
                if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
                {
                    return line[(name.Length + 1)..].Trim();
                }
            }

            return string.Empty;
        }

        public Task SendAsync(string text, CancellationToken cancellationToken) => SendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

        /// <summary>Writes whole messages one at a time, so a test may send media while the script answers requests.</summary>
        public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            await _write.WaitAsync(cancellationToken);
            try
            {
                await stream.WriteAsync(bytes, cancellationToken);
            }
            finally
            {
                _write.Release();
            }
        }

        /// <summary>One small RTP packet (RFC 3550 §5.1, payload type 96) on interleaved channel 0.</summary>
        public Task SendRtpAsync(ushort sequence, CancellationToken cancellationToken)
        {
            var packet = new byte[4 + 12 + 8];
            packet[0] = (byte)'$';
            packet[3] = 12 + 8;
            packet[4] = 0x80;
            packet[5] = 96;
            packet[6] = (byte)(sequence >> 8);
            packet[7] = (byte)sequence;
            return SendAsync(packet, cancellationToken);
        }

        /// <summary>Answers with status, the request's CSeq and extra headers; body gets a Content-Length.</summary>
        public Task ReplyAsync(string request, string status, CancellationToken cancellationToken, string headers = "", string body = "")
        {
            var text = $"RTSP/1.0 {status}\r\nCSeq: {Header(request, "CSeq")}\r\n{headers}"
                + (body.Length > 0 ? $"Content-Type: application/sdp\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}" : "\r\n");
            return SendAsync(text, cancellationToken);
        }
    }
}
