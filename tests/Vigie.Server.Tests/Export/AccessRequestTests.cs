using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.People;
using Vigie.Domain.Privacy;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Privacy;
using Vigie.Server.Features.Sites;
using Vigie.Testing;
using static Vigie.Server.Tests.Export.ExportTestSteps;

namespace Vigie.Server.Tests.Export;

/// <summary>
/// Access requests (GDPR art. 15) against the real host recording a simulated camera: registered, answered with a
/// redacted export in which a third party's box, placed at two instants, is pixelated where the interpolation puts it
/// in between (decoded by ffmpeg and compared with the plain export), linked to the register, closed; reminders on a
/// fake clock.
/// </summary>
public sealed class AccessRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_redacted_export_blurs_a_third_party_between_the_boxes_placed_and_keeps_the_rest()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Galerie");
        var other = await host.CreateSiteAsync("Ailleurs");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Allée", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("op2", Role.Operator, [other]);
        await host.CreatePersonAsync("dpo", Role.Auditor);
        using var op = await host.ClientAsync("op");
        using var stranger = await host.ClientAsync("op2");
        using var dpo = await host.ClientAsync("dpo");
        var segments = await WaitForSegmentsAsync(host, camera.Id, 4);
        var (from, to) = (segments[0].StartsAt + TimeSpan.FromMilliseconds(200), segments[2].EndsAt);

        // Registered by the operator who took the letter; the auditor sees it, an operator of another site does not.
        var input = new AccessRequestService.RequestInput("Jeanne Durand", "jeanne.durand@example.org", null, [camera.Id], from, to, "Manteau rouge");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync("/api/access-requests", input, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.PostAsJsonAsync("/api/access-requests", input, Ct)).StatusCode);
        var created = await op.PostAsJsonAsync("/api/access-requests", input, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = (await created.Content.ReadFromJsonAsync<AccessRequestService.AccessRequestDto>(Ct))!;
        Assert.Equal(request.ReceivedOn.AddMonths(1), request.Deadline);
        Assert.Single((await dpo.GetFromJsonAsync<List<AccessRequestService.AccessRequestDto>>("/api/access-requests", Ct))!);
        Assert.Empty((await stranger.GetFromJsonAsync<List<AccessRequestService.AccessRequestDto>>("/api/access-requests", Ct))!);

        // The plain export of the range, the reference picture.
        var plain = await WaitForExportAsync(op, (await ReadJobAsync(await op.PostAsJsonAsync("/api/exports", new { cameraIds = new[] { camera.Id }, from, to, reason = "référence" }, Ct))).GetProperty("id").GetGuid());

        // A passer-by placed at 0 s on the left and at 4 s on the right: at 2 s the box is half-way.
        IReadOnlyList<RedactionKey> track = [new(0, 0.05, 0.3, 0.2, 0.4), new(4, 0.65, 0.3, 0.2, 0.4)];
        var accepted = await op.PostAsJsonAsync($"/api/access-requests/{request.Number}/export", new AccessRequestService.RedactionInput(null, [track]), Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var redacted = await WaitForExportAsync(op, (await ReadJobAsync(accepted)).GetProperty("id").GetGuid());
        var file = redacted.GetProperty("files")[0];
        Assert.True(file.GetProperty("redacted").GetBoolean());
        var (width, height) = (file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32());
        var instant = 2.0;
        var source = await FrameAtAsync(host, op, plain, instant, width, height);
        var result = await FrameAtAsync(host, op, redacted, instant, width, height);

        // Inside the interpolated box (x 0.35–0.55): 24-pixel blocks of one value where the source had detail.
        var box = (X0: (int)(0.37 * width), X1: (int)(0.53 * width), Y0: (int)(0.32 * height), Y1: (int)(0.68 * height));
        Assert.True(Detail(source, width, box) > 3, $"the source has no detail in the box ({Detail(source, width, box):0.0}): the test would prove nothing");
        Assert.True(Detail(result, width, box) < Detail(source, width, box) / 3, $"the box is not blurred: detail {Detail(result, width, box):0.0} against {Detail(source, width, box):0.0}");
        // Where the box was at 0 s and will be at 4 s, the picture at 2 s is the source's.
        var left = (X0: (int)(0.07 * width), X1: (int)(0.23 * width), box.Y0, box.Y1);
        Assert.True(Math.Abs(Detail(result, width, left) - Detail(source, width, left)) < Detail(source, width, left) / 4, "the box stayed where it started");

        // The request names its extraction; closed with the answer given; closed once.
        var listed = Assert.Single((await dpo.GetFromJsonAsync<List<AccessRequestService.AccessRequestDto>>("/api/access-requests", Ct))!);
        Assert.Equal(redacted.GetProperty("registerNumber").GetInt64(), listed.ExtractionNumber);
        var closed = await op.PostAsJsonAsync($"/api/access-requests/{request.Number}/close", new AccessRequestService.CloseInput(true, "Extrait expurgé remis le 6 décembre"), Ct);
        Assert.Equal("answered", (await closed.Content.ReadFromJsonAsync<AccessRequestService.AccessRequestDto>(Ct))!.State);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync($"/api/access-requests/{request.Number}/close", new AccessRequestService.CloseInput(true, "encore"), Ct)).StatusCode);
        var audit = await AuditAsync(host, Vigie.Domain.Logbook.AuditCategory.AccessRequest);
        Assert.Contains(audit, t => t.StartsWith($"Demande de droit d'accès n° {request.Number} enregistrée", StringComparison.Ordinal));
        Assert.Contains(audit, t => t.Contains("1 tiers floutés", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_request_is_reminded_a_week_before_its_deadline_and_once_overdue()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.CreateCameraAsync(site, "Hall");
        var now = host.Time.GetUtcNow();
        var today = Vigie.Server.Security.ParisClock.Today(host.Time);
        await host.Service<AccessRequestService>().RegisterAsync(TestHost.SystemAdministrator,
            new AccessRequestService.RequestInput("Paul Martin", "12 rue des Lilas, Lyon", today.AddMonths(-1).AddDays(6), [camera.Id], now.AddDays(-20), now.AddDays(-20).AddHours(1), null), Ct);

        host.Time.Advance(TimeSpan.FromHours(1));
        await Vigie.Server.Tests.Api.ComplianceSignals.WaitAsync(host, ["access-request.due-7"]);
        host.Time.Advance(TimeSpan.FromDays(7));
        await Vigie.Server.Tests.Api.ComplianceSignals.WaitAsync(host, ["access-request.due-7", "access-request.overdue"]);
    }

    /// <summary>The picture at <paramref name="seconds"/> into an export's first clip, decoded by ffmpeg to 8-bit luma.</summary>
    private static async Task<byte[]> FrameAtAsync(TestHost host, HttpClient client, JsonElement job, double seconds, int width, int height)
    {
        var id = job.GetProperty("id").GetGuid();
        var clip = Path.Combine(host.DataFolder, $"clip-{id:N}.mp4");
        await File.WriteAllBytesAsync(clip, await client.GetByteArrayAsync(new Uri($"/api/exports/{id}/files/1", UriKind.Relative), Ct), Ct);
        var raw = clip + ".gray";
        var decode = await VigieProcess.RunToolAsync("ffmpeg", "-v", "error", "-y", "-i", clip, "-vf", $"select=gte(t\\,{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            "-frames:v", "1", "-pix_fmt", "gray", "-f", "rawvideo", raw);
        Assert.True(decode.ExitCode == 0, decode.All);
        var pixels = await File.ReadAllBytesAsync(raw, Ct);
        Assert.Equal(width * height, pixels.Length);
        return pixels;
    }

    /// <summary>How much the picture changes from a pixel to its right-hand neighbour, on average, in a region: 0 for flat blocks.</summary>
    private static double Detail(byte[] picture, int width, (int X0, int X1, int Y0, int Y1) region)
    {
        double sum = 0;
        var count = 0;
        for (var y = region.Y0; y < region.Y1; y++)
        {
            for (var x = region.X0; x < region.X1 - 1; x++)
            {
                sum += Math.Abs(picture[(y * width) + x] - picture[(y * width) + x + 1]);
                count++;
            }
        }

        return sum / count;
    }
}
