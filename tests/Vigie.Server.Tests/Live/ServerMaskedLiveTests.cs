using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Cameras;
using Vigie.Domain.People;
using Vigie.Media.Masks;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Masks;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Live;

/// <summary>
/// Server-side masking: for a camera masked by the server, an operator's live stream carries the masks burned in
/// (the received fMP4 decoded by ffmpeg is black under the mask), their snapshots too, and its recordings are not
/// played back to them; a supervisor who lifted the masks gets the camera's own picture.
/// </summary>
public sealed class ServerMaskedLiveTests
{
    private const int Width = 320;
    private const int Height = 240;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Raw_pixels_under_a_server_mask_never_reach_an_operator_live_in_snapshots_or_playback()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Résidence");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Entrée", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        IReadOnlyList<IReadOnlyList<MaskPoint>> window = [[new(0.1, 0.1), new(0.55, 0.12), new(0.5, 0.6), new(0.12, 0.55)]];
        await host.Service<MaskService>().SetAsync(TestHost.SystemAdministrator, new Vigie.Domain.CameraId(camera.Id), new MaskService.MaskInput(window, ServerSide: true), Ct);
        await WaitForStreamingAsync(host, camera.Id);
        var map = MaskRaster.Fill(window, Width, Height);
        var inside = Enumerable.Range(0, map.Length).Where(i => map[i] == 255 && Inner(map, i)).ToList();

        // The operator's live picture: black under the mask.
        var masked = await LivePictureAsync(host, "op", camera.Id);
        Assert.True(inside.Max(i => masked[i]) <= 24, $"a pixel under the mask reached the operator: {inside.Max(i => masked[i])}");

        // A supervisor who lifted the masks sees the camera's own picture there (the test would prove nothing otherwise).
        using var chef = await host.ClientAsync("chef");
        Assert.Equal(HttpStatusCode.OK, (await chef.PostAsJsonAsync($"/api/cameras/{camera.Id}/masks/lift", new MaskService.LiftInput("Identification d'un suspect", 5), Ct)).StatusCode);
        var raw = await LivePictureAsync(host, "chef", camera.Id);
        Assert.True(inside.Average(i => (double)raw[i]) > 40, $"the camera's own picture is dark under the mask ({inside.Average(i => (double)raw[i]):0.0})");

        // Snapshots carry the masks; playback of the raw recordings is refused to the operator.
        using var op = await host.ClientAsync("op");
        var jpeg = await op.GetByteArrayAsync(new Uri($"/api/cameras/{camera.Id}/snapshot", UriKind.Relative), Ct);
        var snapshot = await DecodeAsync(host, jpeg, "snapshot.jpg");
        Assert.True(inside.Max(i => snapshot[i]) <= 24, "a snapshot reached the operator unmasked");
        var playback = new Uri($"ws://{host.BaseAddress.Authority}/api/cameras/{camera.Id}/playback?at={Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddSeconds(-5).ToString("O"))}");
        Assert.Equal(HttpStatusCode.Forbidden, await VideoSockets.UpgradeStatusAsync(playback, await host.SessionCookieAsync("op")));
    }

    /// <summary>Whether the pixel and its neighbours 2 pixels away are all under the mask (the encoder's blocks blur edges).</summary>
    private static bool Inner(byte[] map, int i)
    {
        var (x, y) = (i % Width, i / Width);
        return x >= 2 && y >= 2 && x < Width - 2 && y < Height - 2 && map[i - 2] == 255 && map[i + 2] == 255 && map[i - (2 * Width)] == 255 && map[i + (2 * Width)] == 255;
    }

    /// <summary>About two seconds of the camera's live stream as the person receives it, decoded by ffmpeg: its last picture, grey, 320×240.</summary>
    private static async Task<byte[]> LivePictureAsync(TestHost host, string person, Guid camera)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", await host.SessionCookieAsync(person));
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}/api/cameras/{camera}/live"), Ct);
        using var file = new MemoryStream();
        var buffer = new byte[4 * 1024 * 1024];
        var fragments = 0;
        while (fragments < 60)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), Ct);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Binary && buffer[0] is 1 or 2 && (file.Length > 0 || buffer[0] == 1))
            {
                file.Write(buffer, 9, length - 9);
                fragments += buffer[0] == 2 ? 1 : 0;
            }
        }

        return await DecodeAsync(host, file.ToArray(), $"live-{person}.mp4");
    }

    private static async Task<byte[]> DecodeAsync(TestHost host, byte[] media, string name)
    {
        var path = Path.Combine(host.DataFolder, name);
        await File.WriteAllBytesAsync(path, media, Ct);
        var raw = path + ".gray";
        var decode = await VigieProcess.RunToolAsync("ffmpeg", "-v", "error", "-y", "-i", path, "-vf", $"scale={Width}:{Height}", "-pix_fmt", "gray", "-f", "rawvideo", raw);
        Assert.True(decode.ExitCode == 0, decode.All);
        var pixels = await File.ReadAllBytesAsync(raw, Ct);
        Assert.True(pixels.Length >= Width * Height, $"{pixels.Length} bytes decoded");
        return pixels[^(Width * Height)..];
    }

    private static async Task WaitForStreamingAsync(TestHost host, Guid camera)
    {
        using var client = await host.ClientAsync("op");
        for (var i = 0; i < 150; i++)
        {
            if ((await client.GetStringAsync(new Uri($"/api/cameras/{camera}/status", UriKind.Relative), Ct)).Contains("\"state\":\"streaming\"", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("the camera never streamed");
    }
}
