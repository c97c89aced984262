using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Media.Tests.Rtsp;
using Vigie.Server.Features.Sites;
using Vigie.Server.Live;
using Vigie.Testing;

namespace Vigie.Server.Tests.Live;

/// <summary>
/// An H.265 camera (GStreamer's RTSP server with x265) is recorded from its main stream; the wall shows
/// its H.264 substream (the simulator), opened only while someone watches. Without a substream the
/// wall gets the H.265 stream and the tile says the browser cannot play it.
/// </summary>
/// <remarks>A live x265 encoder keeps a core busy: run alone.</remarks>
[Collection(RunAlone.Name)]
public sealed class SubstreamLiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_h265_camera_is_shown_live_from_its_h264_substream_while_watched()
    {
        await using var h265 = await GstRtspServerPeer.StartAsync("h265");
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Parking");
        var sites = host.Service<SiteService>();
        var withSub = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Barrière", h265.Uri.ToString(), simulator.UrlOf(1), null, null, 30), Ct);
        var withoutSub = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Rampe", h265.Uri.ToString(), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        var recording = host.Service<Vigie.Media.Cameras.ICameraRecorders>();
        await WaitUntilAsync(() => recording.RecorderOf(new Vigie.Domain.CameraId(withSub.Id))?.MainCodec == Vigie.Media.Codecs.VideoCodec.H265
            && recording.RecorderOf(new Vigie.Domain.CameraId(withoutSub.Id))?.MainCodec == Vigie.Media.Codecs.VideoCodec.H265, "both cameras recorded in H.265",
            // Both recorders' first DESCRIBE makes the peer start an x265 pipeline each: on a cold, loaded CI machine that
            // took over 30 s once (a refused first attempt puts a recorder into its backoff); usually a few seconds.
            TimeSpan.FromSeconds(90), () => string.Join(" | ", h265.Lines.TakeLast(20)));

        using (var socket = await ConnectAsync(host.BaseAddress, withSub.Id, cookie))
        {
            var (codec, fragments) = await ReadInitAndFragmentsAsync(socket, 10);
            Assert.StartsWith("avc1.", codec, StringComparison.Ordinal);
            Assert.Equal(10, fragments);
        }

        // The last viewer gone, the substream stream ends (its RTSP session with it).
        var streams = host.Service<LiveStreams>();
        await WaitUntilAsync(() => streams.Count == 0, "the live stream ended with its last viewer");

        using (var socket = await ConnectAsync(host.BaseAddress, withoutSub.Id, cookie))
        {
            var (codec, _) = await ReadInitAndFragmentsAsync(socket, 1);
            Assert.Matches("^(hvc1|hev1)\\.", codec);
        }
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri baseAddress, Guid camera, string cookie)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/api/cameras/{camera}/live"), Ct);
        return socket;
    }

    private static async Task<(string Codec, int Fragments)> ReadInitAndFragmentsAsync(ClientWebSocket socket, int wanted)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[4 * 1024 * 1024];
        string? codec = null;
        var fragments = 0;
        while (codec is null || fragments < wanted)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), limit.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Text)
            {
                using var message = JsonDocument.Parse(buffer.AsMemory(0, length));
                if (message.RootElement.GetProperty("type").GetString() == "init")
                {
                    codec ??= message.RootElement.GetProperty("codec").GetString();
                }
            }
            else if (buffer[0] == 2 && codec is not null)
            {
                fragments++;
            }
        }

        return (codec, fragments);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? detail = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"timed out waiting: {what}{(detail is null ? string.Empty : $" ({detail()})")}");
    }
}
