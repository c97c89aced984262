using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Live;

/// <summary>The live WebSocket against the real host, a simulated camera and real sockets.</summary>
/// <remarks>Measures rates and ages: run alone (a CI run beside CPU-bound tests once saw the camera at 3.6 fps).</remarks>
[Collection(RunAlone.Name)]
public sealed class LiveEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_that_never_reads_does_not_delay_another_viewer_or_the_recording()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        await WaitForStreamingAsync(host, camera.Id);
        var recorder = host.Service<Vigie.Media.Cameras.ICameraRecorders>().RecorderOf(new Vigie.Domain.CameraId(camera.Id))!;
        // Recorded only: its receive path batches (decision 0017).
        Assert.False(recorder.FanOut.Delivery.IsRequested);

        // A viewer with a tiny receive buffer that reads its handshake and then nothing at all.
        using var stuck = await OpenStuckViewerAsync(host.BaseAddress, camera.Id, cookie);
        using var reader = await ConnectAsync(host.BaseAddress, camera.Id, cookie);
        var watch = await ReadAsync(reader, TimeSpan.FromSeconds(12));
        // Watched: frames leave the receive path as they arrive.
        Assert.True(recorder.FanOut.Delivery.IsRequested);

        // Every frame the camera sent in 12 s, no skip and no backlog: each fragment leaves at most a second after capture.
        var fps = await FramesPerSecondAsync(host, camera.Id);
        Assert.True(watch.Fragments >= (12 * fps) - 15, $"the reading viewer got {watch.Fragments} fragments in 12 s of a {fps} fps camera");
        Assert.True(watch.Inits >= 1);
        Assert.True(watch.MaxAgeMs < 1000, $"a fragment arrived {watch.MaxAgeMs} ms after capture");
        var status = await (await host.ClientAsync("op")).GetStringAsync(new Uri($"/api/cameras/{camera.Id}/status", UriKind.Relative), Ct);
        Assert.Contains("\"state\":\"streaming\"", status, StringComparison.Ordinal);

        // A snapshot of the newest frame: a JPEG of the camera's resolution, named after it, audited.
        using (var client = await host.ClientAsync("op"))
        {
            var snapshot = await client.GetAsync(new Uri($"/api/cameras/{camera.Id}/snapshot", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
            Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("Quai_", snapshot.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
            var jpeg = await snapshot.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(JpegSize(jpeg), await CameraSizeAsync(host, camera.Id));
            Assert.Single(await VideoSockets.WaitForAuditAsync(host, AuditCategory.SnapshotTaken, 1));
        }

        // Reading ended by cancellation, which aborts a .NET WebSocket: both viewers just go away.
        reader.Dispose();
        stuck.Dispose();
        // Both views are in the audit journal; the stuck one says how many frames it skipped.
        var stops = await VideoSockets.WaitForAuditAsync(host, AuditCategory.LiveViewStopped, 2);
        Assert.True(stops.Any(t => t.Contains("« Quai »", StringComparison.Ordinal) && !t.Contains(", 0 images sautées", StringComparison.Ordinal)), string.Join(" / ", stops));
        Assert.Equal(2, (await VideoSockets.WaitForAuditAsync(host, AuditCategory.LiveViewStarted, 2)).Count);
        // The last viewer gone: batching resumes.
        Assert.False(recorder.FanOut.Delivery.IsRequested);

        // Auditors read them as viewing sessions: who, which camera, live, how long (the reading one lasted its 12 s).
        await host.CreatePersonAsync("controle", Role.Auditor);
        using var auditor = await host.ClientAsync("controle");
        var viewing = await auditor.GetAsync(new Uri("/api/audit/viewing", UriKind.Relative), Ct);
        Assert.True(viewing.IsSuccessStatusCode, await viewing.Content.ReadAsStringAsync(Ct) + host.Output);
        var sessions = await viewing.Content.ReadFromJsonAsync<List<Vigie.Server.Features.Audit.AuditViews.ViewingSession>>(Ct);
        Assert.Equal(2, sessions!.Count);
        Assert.All(sessions, v => Assert.Equal(("op", "Quai", camera.Id, "live"), (v.Person, v.Camera, v.CameraId!.Value, v.Kind)));
        Assert.Contains(sessions, v => v.Seconds >= 11.5 && v.EndedAt > v.StartedAt);
        var csv = await auditor.GetStringAsync(new Uri("/api/audit/viewing.csv", UriKind.Relative), Ct);
        Assert.StartsWith("person,camera,camera_id,kind,started_at_utc,ended_at_utc,seconds,detail\r\nop,Quai,", csv, StringComparison.Ordinal);
        var entries = await auditor.GetAsync(new Uri("/api/audit?kind=viewing&person=op", UriKind.Relative), Ct);
        Assert.True(entries.IsSuccessStatusCode, await entries.Content.ReadAsStringAsync(Ct));
        Assert.Equal(4, (await entries.Content.ReadFromJsonAsync<List<Vigie.Server.Features.Logbook.LogbookEntryDto>>(Ct))!.Count(e => e.Category.StartsWith("video.live", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync(new Uri("/api/audit?kind=everything", UriKind.Relative), Ct)).StatusCode);
        using var op = await host.ClientAsync("op");
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri("/api/audit/viewing", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_refusal_and_nothing_is_audited_as_watched()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Time = TimeProvider.System });
        var mine = await host.CreateSiteAsync("Mon site");
        var other = await host.CreateSiteAsync("Autre site");
        var myCamera = await host.CreateCameraAsync(mine, "Hall");
        var otherCamera = await host.CreateCameraAsync(other, "Réserve");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("auditor", Role.Auditor, [mine]);
        var op = await host.SessionCookieAsync("op");
        var auditor = await host.SessionCookieAsync("auditor");

        using (var auditorClient = await host.ClientAsync("auditor"))
        using (var opClient = await host.ClientAsync("op"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await auditorClient.GetAsync(new Uri($"/api/cameras/{myCamera.Id}/snapshot", UriKind.Relative), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await opClient.GetAsync(new Uri($"/api/cameras/{otherCamera.Id}/snapshot", UriKind.Relative), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await opClient.GetAsync(new Uri($"/api/cameras/{Guid.NewGuid()}/snapshot", UriKind.Relative), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await opClient.GetAsync(new Uri($"/api/cameras/{myCamera.Id}/snapshot", UriKind.Relative), Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, await UpgradeStatusAsync(host.BaseAddress, otherCamera.Id, op));
        Assert.Equal(HttpStatusCode.NotFound, await UpgradeStatusAsync(host.BaseAddress, Guid.NewGuid(), op));
        Assert.Equal(HttpStatusCode.Forbidden, await UpgradeStatusAsync(host.BaseAddress, myCamera.Id, auditor));
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(host.BaseAddress, myCamera.Id, cookie: null));
        Assert.Equal(HttpStatusCode.Forbidden, await UpgradeStatusAsync(host.BaseAddress, myCamera.Id, op, origin: "http://evil.example"));
        // Recording is off in this host: the camera is not received, so there is nothing to watch yet.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await UpgradeStatusAsync(host.BaseAddress, myCamera.Id, op));
        using var client = await host.ClientAsync("op");
        var plain = await client.GetAsync(new Uri($"/api/cameras/{myCamera.Id}/live", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("WebSocket", await plain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.False(await db.LogbookEntries.AnyAsync(e => e.Category == AuditCategory.LiveViewStarted || e.Category == AuditCategory.SnapshotTaken, Ct));
    }

    private static async Task<CameraSimulator> StartSimulatorAsync()
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        return simulator;
    }

    private static async Task WaitForStreamingAsync(TestHost host, Guid camera)
    {
        using var client = await host.ClientAsync("op");
        for (var i = 0; i < 150; i++)
        {
            var status = await client.GetStringAsync(new Uri($"/api/cameras/{camera}/status", UriKind.Relative), Ct);
            if (status.Contains("\"state\":\"streaming\"", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("the camera never streamed");
    }

    /// <summary>Width and height from the JPEG's start-of-frame segment (baseline or progressive).</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        Assert.True(jpeg.Length > 1000 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, "not a JPEG");
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 5)));
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }

        Assert.Fail("no start-of-frame segment in the JPEG");
        return default;
    }

    private static async Task<(int Width, int Height)> CameraSizeAsync(TestHost host, Guid camera)
    {
        var recorder = host.Service<Vigie.Media.Cameras.ICameraRecorders>().RecorderOf(new Vigie.Domain.CameraId(camera))!;
        var clip = recorder.PreAlarm.TakeClip();
        try
        {
            Assert.True(Vigie.Media.Mp4.Mp4TrackInfo.TryCreate(clip[^1].Parameters, out var track));
            return (track!.Width, track.Height);
        }
        finally
        {
            foreach (var unit in clip)
            {
                unit.Release();
            }
        }
    }

    private static async Task<double> FramesPerSecondAsync(TestHost host, Guid camera)
    {
        using var client = await host.ClientAsync("op");
        using var status = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/cameras/{camera}/status", UriKind.Relative), Ct));
        var fps = status.RootElement.GetProperty("framesPerSecond").GetDouble();
        Assert.InRange(fps, 5, 60);
        return fps;
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri baseAddress, Guid camera, string cookie)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        await socket.ConnectAsync(LiveUri(baseAddress, camera), Ct);
        return socket;
    }

    private static Uri LiveUri(Uri baseAddress, Guid camera) => new($"ws://{baseAddress.Authority}/api/cameras/{camera}/live");

    private sealed record Watch(int Inits, int Fragments, double MaxAgeMs);

    private static async Task<Watch> ReadAsync(ClientWebSocket socket, TimeSpan duration)
    {
        var buffer = new byte[4 * 1024 * 1024];
        var (inits, fragments, maxAge) = (0, 0, 0.0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(duration);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType != WebSocketMessageType.Binary)
                {
                    continue;
                }

                if (buffer[0] == 1)
                {
                    inits++;
                }
                else if (buffer[0] == 2)
                {
                    fragments++;
                    var captured = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(1)));
                    var age = (TimeProvider.System.GetUtcNow() - captured).TotalMilliseconds;
                    // The first fragments are the GOP cache: up to a second old by design.
                    if (fragments > 25)
                    {
                        maxAge = Math.Max(maxAge, age);
                    }

                    Assert.Equal("moof"u8.ToArray(), buffer.AsSpan(9 + 4, 4).ToArray());
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return new Watch(inits, fragments, maxAge);
        }
    }

    /// <summary>A raw WebSocket handshake on a socket with a 4 KiB receive buffer, then silence: a viewer that stopped reading.</summary>
    private static async Task<Socket> OpenStuckViewerAsync(Uri baseAddress, Guid camera, string cookie)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port, Ct);
        var request = $"GET /api/cameras/{camera}/live HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, Ct);
        var response = new byte[1];
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await socket.ReceiveAsync(response, SocketFlags.None, Ct));
            head.Append((char)response[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
        return socket;
    }

    private static Task<HttpStatusCode> UpgradeStatusAsync(Uri baseAddress, Guid camera, string? cookie, string? origin = null) =>
        VideoSockets.UpgradeStatusAsync(LiveUri(baseAddress, camera), cookie, origin);
}
