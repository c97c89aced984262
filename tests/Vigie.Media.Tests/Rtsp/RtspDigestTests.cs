using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>
/// Digest details GStreamer does not exercise (RFC 2617 §3.2.2): the server here checks every response
/// hash itself, with and without qop, and declares the nonce stale mid-session.
/// </summary>
public sealed partial class RtspDigestTests
{
    private const string User = "admin";
    private const string Password = "pa:ss\"word";
    private const string Realm = "IP Camera";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Nonce_is_reused_with_an_increasing_count_and_renewed_when_stale(bool qop)
    {
        var nonce = "n1";
        var seen = new List<(string Method, string Nonce, string? Nc, bool Valid)>();
        var staleSent = false;
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(60, async (peer, request, ct) =>
        {
            var method = request[..request.IndexOf(' ', StringComparison.Ordinal)];
            var authorization = FakeRtspServer.Peer.Header(request, "Authorization");
            var challenge = $"WWW-Authenticate: Basic realm=\"{Realm}\"\r\nWWW-Authenticate: Digest realm=\"{Realm}\", nonce=\"{nonce}\"{(qop ? ", qop=\"auth,auth-int\"" : string.Empty)}";
            if (authorization.Length == 0)
            {
                await peer.ReplyAsync(request, "401 Unauthorized", ct, headers: challenge + "\r\n");
                return true;
            }

            var fields = DigestField().Matches(authorization).ToDictionary(m => m.Groups[1].Value, m => m.Groups[3].Success ? m.Groups[3].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : m.Groups[4].Value);
            var valid = fields["response"] == Expected(method, fields);
            lock (seen)
            {
                seen.Add((method, fields["nonce"], fields.GetValueOrDefault("nc"), valid));
            }

            if (!valid)
            {
                await peer.ReplyAsync(request, "401 Unauthorized", ct, headers: challenge + "\r\n");
                return true;
            }

            if (method == "SETUP" && !staleSent)
            {
                staleSent = true;
                nonce = "n2";
                await peer.ReplyAsync(request, "401 Unauthorized", ct, headers: $"WWW-Authenticate: Digest realm=\"{Realm}\", nonce=\"{nonce}\", stale=TRUE{(qop ? ", qop=\"auth\"" : string.Empty)}\r\n");
                return true;
            }

            return false;
        }));

        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, UserName = User, Password = Password, ReceiveTimeout = Timeout.InfiniteTimeSpan }, new RecordingSink());
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        while (session.State != RtspSessionState.Playing && !run.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        if (run.IsCompleted)
        {
            await run;
        }

        Assert.Equal(RtspSessionState.Playing, session.State);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        List<(string Method, string Nonce, string? Nc, bool Valid)> log;
        lock (seen)
        {
            log = [.. seen];
        }

        Assert.All(log, entry => Assert.True(entry.Valid, $"{entry.Method} had a wrong digest"));
        Assert.Equal(["OPTIONS", "DESCRIBE", "SETUP", "SETUP", "PLAY", "TEARDOWN"], log.Select(e => e.Method));
        Assert.Equal(["n1", "n1", "n1", "n2", "n2", "n2"], log.Select(e => e.Nonce));
        Assert.Equal(qop ? ["00000001", "00000002", "00000003", "00000001", "00000002", "00000003"] : [null, null, null, null, null, null], log.Select(e => e.Nc));
    }

    private static string Expected(string method, Dictionary<string, string> f)
    {
        var ha1 = Md5($"{f["username"]}:{Realm}:{Password}");
        var ha2 = Md5($"{method}:{f["uri"]}");
        return f.TryGetValue("qop", out var qop)
            ? Md5($"{ha1}:{f["nonce"]}:{f["nc"]}:{f["cnonce"]}:{qop}:{ha2}")
            : Md5($"{ha1}:{f["nonce"]}:{ha2}");
    }

#pragma warning disable CA5351 // RFC 2617 Digest is MD5 by definition.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    [GeneratedRegex("(\\w+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))")]
    private static partial Regex DigestField();
}
