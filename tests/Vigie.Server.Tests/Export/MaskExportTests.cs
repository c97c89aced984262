using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Masks;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Masks;
using Vigie.Server.Features.Sites;
using Vigie.Testing;
using static Vigie.Server.Tests.Export.ExportTestSteps;

namespace Vigie.Server.Tests.Export;

/// <summary>
/// Privacy masks against the real host recording a simulated camera: drawn by a supervisor (not an operator), burned
/// into every export of the camera — the exported clip decoded by ffmpeg has black where the mask is and the source
/// picture elsewhere — and lifted only with a reason, audited and written to the main courante.
/// </summary>
public sealed class MaskExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Masked_pixels_are_gone_from_an_exported_clip_and_the_rest_of_the_picture_is_kept()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Résidence");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Parking", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var chef = await host.ClientAsync("chef");
        using var op = await host.ClientAsync("op");
        var segments = await WaitForSegmentsAsync(host, camera.Id, 3);
        var range = new { cameraIds = new[] { camera.Id }, from = segments[0].StartsAt + TimeSpan.FromMilliseconds(200), to = segments[1].EndsAt, reason = "Contrôle" };

        // Before any mask: the plain remux, our reference picture.
        var plain = await ExportAsync(op, range);

        // A neighbour's window, as a polygon (not a rectangle). Operators may not draw it.
        IReadOnlyList<IReadOnlyList<MaskPoint>> window = [[new(0.1, 0.1), new(0.55, 0.15), new(0.5, 0.6), new(0.15, 0.5)]];
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PutAsJsonAsync($"/api/cameras/{camera.Id}/masks", new MaskService.MaskInput(window), Ct)).StatusCode);
        var bad = await chef.PutAsJsonAsync($"/api/cameras/{camera.Id}/masks", new MaskService.MaskInput([[new(0, 0), new(1, 1)]]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("mask.polygon_points", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await chef.PutAsJsonAsync($"/api/cameras/{camera.Id}/masks", new MaskService.MaskInput(window), Ct)).StatusCode);
        var read = await op.GetFromJsonAsync<MaskService.MaskDto>($"/api/cameras/{camera.Id}/masks", Ct);
        Assert.Equal(window[0], read!.Polygons[0]);

        var masked = await ExportAsync(op, range);
        var file = masked.GetProperty("files")[0];
        Assert.True(file.GetProperty("masked").GetBoolean());
        var (width, height) = (file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32());

        var source = await FrameAsync(host, op, plain, width, height);
        var result = await FrameAsync(host, op, masked, width, height);
        var map = MaskRaster.Fill(window, width, height);
        var inside = Pixels(map, width, height, hidden: true);
        var outside = Pixels(map, width, height, hidden: false);
        Assert.True(inside.Count > width * height / 10 && outside.Count > width * height / 4, $"{inside.Count} inside, {outside.Count} outside");

        // Under the mask: black in the export (limited-range luma 16), where the source had a picture.
        Assert.True(inside.Average(i => (double)source[i]) > 40, $"the source is dark under the mask ({inside.Average(i => (double)source[i]):0.0}): the test would prove nothing");
        Assert.True(inside.Max(i => result[i]) <= 24, $"a pixel under the mask is {inside.Max(i => result[i])}");
        // Elsewhere: the source's picture, give or take the re-encode.
        var difference = outside.Average(i => Math.Abs(source[i] - result[i]));
        Assert.True(difference < 4, $"outside the mask the picture moved by {difference:0.00} on average");

        // A supervisor lifts the masks for a while, with a reason; an operator cannot. Exports stay masked.
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/cameras/{camera.Id}/masks/lift", new MaskService.LiftInput("voir"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.PostAsJsonAsync($"/api/cameras/{camera.Id}/masks/lift", new MaskService.LiftInput(""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.PostAsJsonAsync($"/api/cameras/{camera.Id}/masks/lift", new MaskService.LiftInput("voir", 90), Ct)).StatusCode);
        var lift = await (await chef.PostAsJsonAsync($"/api/cameras/{camera.Id}/masks/lift", new MaskService.LiftInput("Identification d'un véhicule suspect", 10), Ct))
            .Content.ReadFromJsonAsync<MaskService.LiftDto>(Ct);
        Assert.Equal(TimeSpan.FromMinutes(10), lift!.Until - lift.From);
        Assert.NotNull((await chef.GetFromJsonAsync<MaskService.MaskDto>($"/api/cameras/{camera.Id}/masks", Ct))!.Lift);
        Assert.Null((await op.GetFromJsonAsync<MaskService.MaskDto>($"/api/cameras/{camera.Id}/masks", Ct))!.Lift);

        var journal = await host.Service<Vigie.Server.Features.Logbook.LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.Audit, new Vigie.Storage.Logbook.LogbookFilter(), Ct);
        Assert.Contains(journal, e => e.Category == AuditCategory.MasksChanged && e.Text.Contains("0 → 1 masque(s)", StringComparison.Ordinal));
        Assert.Contains(journal, e => e.Category == AuditCategory.MaskLifted && e.Text.Contains("motif : Identification d'un véhicule suspect", StringComparison.Ordinal));
        var logbook = await host.Service<Vigie.Server.Features.Logbook.LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante, new Vigie.Storage.Logbook.LogbookFilter(), Ct);
        Assert.Contains(logbook, e => e.Text.StartsWith("Levée des masques de confidentialité de la caméra « Parking »", StringComparison.Ordinal));
    }

    private static async Task<System.Text.Json.JsonElement> ExportAsync(HttpClient client, object request)
    {
        var accepted = await client.PostAsJsonAsync("/api/exports", request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return await WaitForExportAsync(client, (await ReadJobAsync(accepted)).GetProperty("id").GetGuid());
    }

    /// <summary>The 10th picture of an export's first clip, decoded by ffmpeg to 8-bit luma.</summary>
    private static async Task<byte[]> FrameAsync(TestHost host, HttpClient client, System.Text.Json.JsonElement job, int width, int height)
    {
        var id = job.GetProperty("id").GetGuid();
        var clip = Path.Combine(host.DataFolder, $"clip-{id:N}.mp4");
        await File.WriteAllBytesAsync(clip, await client.GetByteArrayAsync(new Uri($"/api/exports/{id}/files/1", UriKind.Relative), Ct), Ct);
        var raw = clip + ".gray";
        var decode = await VigieProcess.RunToolAsync("ffmpeg", "-v", "error", "-y", "-i", clip, "-vf", "select=eq(n\\,10)", "-frames:v", "1", "-pix_fmt", "gray", "-f", "rawvideo", raw);
        Assert.True(decode.ExitCode == 0, decode.All);
        var pixels = await File.ReadAllBytesAsync(raw, Ct);
        Assert.Equal(width * height, pixels.Length);
        return pixels;
    }

    /// <summary>The pixels well inside (or well outside) the mask: 3 pixels from its edge, so that the encoder's blocks do not blur the answer.</summary>
    private static List<int> Pixels(byte[] map, int width, int height, bool hidden)
    {
        var found = new List<int>();
        const int margin = 3;
        for (var y = margin; y < height - margin; y++)
        {
            for (var x = margin; x < width - margin; x++)
            {
                var all = true;
                for (var dy = -margin; dy <= margin && all; dy++)
                {
                    for (var dx = -margin; dx <= margin && all; dx++)
                    {
                        all = (map[((y + dy) * width) + x + dx] == 255) == hidden;
                    }
                }

                if (all)
                {
                    found.Add((y * width) + x);
                }
            }
        }

        return found;
    }
}
