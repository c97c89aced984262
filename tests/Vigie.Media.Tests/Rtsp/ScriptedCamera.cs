namespace Vigie.Media.Tests.Rtsp;

/// <summary>
/// The happy path of a camera on top of <see cref="FakeRtspServer"/>: OPTIONS, DESCRIBE with a one-track
/// H.264 SDP, SETUP (interleaved 0-1, Session "abc" with the given timeout), PLAY, then 200 to anything.
/// <c>gate</c> may answer a request itself (e.g. a 401) and return true.
/// </summary>
public static class ScriptedCamera
{
    public const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\na=control:*\r\n"
        + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAKeKQFAe2AtwEBAaQeJEV,aM48gA==\r\na=control:trackID=1\r\n";

    public static Func<FakeRtspServer.Peer, CancellationToken, Task> Serve(int sessionTimeoutSeconds, Func<FakeRtspServer.Peer, string, CancellationToken, Task<bool>>? gate = null) =>
        async (peer, ct) =>
        {
            while (await peer.ReadRequestAsync(ct) is { } request)
            {
                if (gate is not null && await gate(peer, request, ct))
                {
                    continue;
                }

                var method = request[..request.IndexOf(' ', StringComparison.Ordinal)];
                switch (method)
                {
                    case "OPTIONS":
                        await peer.ReplyAsync(request, "200 OK", ct, headers: "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n");
                        break;
                    case "DESCRIBE":
                        await peer.ReplyAsync(request, "200 OK", ct, headers: "Content-Base: rtsp://127.0.0.1/stream/\r\n", body: Sdp);
                        break;
                    case "SETUP":
                        await peer.ReplyAsync(request, "200 OK", ct, headers: $"Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: abc;timeout={sessionTimeoutSeconds}\r\n");
                        break;
                    default:
                        await peer.ReplyAsync(request, "200 OK", ct, headers: "Session: abc\r\n");
                        break;
                }
            }
        };
}
