using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vigie.Media.Rtsp;
using Vigie.Media.Rtsp.Sdp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>A misbehaving server ends the session with a clear <see cref="RtspException"/> within the timeout: never a hang, never unbounded memory.</summary>
public sealed class RtspBadServerTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    private static async Task<RtspException> FailsAsync(FakeRtspServer server, TimeSpan? within = null)
    {
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri, ResponseTimeout = ShortTimeout, ConnectTimeout = ShortTimeout }, new RecordingSink());
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RtspException>(() => session.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(5)), $"took {clock.Elapsed}");
        Assert.Equal(RtspSessionState.Failed, session.State);
        return error;
    }

    [Fact]
    public async Task Binary_garbage_is_reported_as_not_rtsp()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await peer.Stream.WriteAsync(new byte[] { 0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0x0D, 0x0A, 0x0D, 0x0A }, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("not RTSP", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPTIONS", error.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_answer_that_is_not_rtsp_is_reported()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await peer.SendAsync("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("not RTSP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_header_stops_at_the_header_cap()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await peer.SendAsync("RTSP/1.0 200 OK\r\nCSeq: 1\r\nX-Filler: ", ct);
            var filler = new byte[8192];
            Array.Fill(filler, (byte)'a');
            for (var i = 0; i < 64; i++)
            {
                await peer.Stream.WriteAsync(filler, ct);
            }

            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_content_length_is_refused_before_reading_the_body()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await peer.SendAsync("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 2000000000\r\n\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("Content-Length 2000000000 exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_or_non_numeric_content_length_is_refused()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await peer.SendAsync("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: -5\r\n\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("not a valid length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_cut_short_by_a_closed_connection_is_reported()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            var options = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(options!, "200 OK", ct);
            var describe = await peer.ReadRequestAsync(ct);
            await peer.SendAsync($"RTSP/1.0 200 OK\r\nCSeq: {FakeRtspServer.Peer.Header(describe!, "CSeq")}\r\nContent-Length: 500\r\n\r\nv=0\r\n", ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("after 5 of 500 body bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("DESCRIBE", error.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_never_completes_times_out()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            var options = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(options!, "200 OK", ct);
            var describe = await peer.ReadRequestAsync(ct);
            await peer.SendAsync($"RTSP/1.0 200 OK\r\nCSeq: {FakeRtspServer.Peer.Header(describe!, "CSeq")}\r\nContent-Length: 500\r\n\r\nv=0\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task A_response_to_another_request_is_reported_as_a_cseq_mismatch()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await peer.SendAsync("RTSP/1.0 200 OK\r\nCSeq: 41\r\n\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.Contains("CSeq 41", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            await peer.ReadRequestAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.True(error.IsTimeout);
        Assert.Contains("OPTIONS", error.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_hangs_up_is_reported()
    {
        await using var server = new FakeRtspServer((_, _) => Task.CompletedTask);
        var error = await FailsAsync(server);
        Assert.Contains("closed the connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_listening_is_a_connection_error()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var session = new RtspSession(new RtspClientOptions { Uri = new Uri($"rtsp://127.0.0.1:{port}/x"), ConnectTimeout = ShortTimeout }, new RecordingSink());
        var error = await Assert.ThrowsAsync<RtspException>(() => session.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("ConnectionRefused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_sdp_fails_describe_with_the_parse_error_inside()
    {
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            var options = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(options!, "200 OK", ct);
            var describe = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(describe!, "200 OK", ct, body: "<html><body>Login</body></html>");
            await Task.Delay(Timeout.Infinite, ct);
        });
        var error = await FailsAsync(server);
        Assert.IsType<SdpParseException>(error.InnerException);
        Assert.Contains("SDP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_in_a_loop_stop_at_the_cap()
    {
        FakeRtspServer? self = null;
        await using var server = new FakeRtspServer(async (peer, ct) =>
        {
            var request = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(request!, "302 Moved Temporarily", ct, headers: $"Location: {self!.Uri}\r\n");
        });
        self = server;
        var error = await FailsAsync(server);
        Assert.Contains("redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
    }
}
