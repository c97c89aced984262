using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Server.Features.Sites;
using Vigie.Server.Playback;
using Vigie.Server.Recording;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

public sealed class RecordingsApiTests
{
    /// <summary>The day under test (UTC): 28 November 2026.</summary>
    private static readonly DateTimeOffset Day = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Segments_and_gaps_of_the_day_come_back_in_time_order_and_other_days_stay_out()
    {
        await using var host = await TestHost.StartAsync();
        var (site, camera) = await CameraAsync(host);
        var minute = TimeSpan.FromMinutes(1);
        // Inserted out of order: the API orders by time, not by row id.
        var afternoon = await host.IndexSegmentAsync(camera.Id, Day.AddHours(14), minute, bytes: 3_000_000);
        var morning = await host.IndexSegmentAsync(camera.Id, Day.AddHours(8), minute, bytes: 2_000_000);
        var lost = await host.IndexSegmentAsync(camera.Id, Day.AddHours(8).AddMinutes(1), minute, missing: true);
        var overMidnight = await host.IndexSegmentAsync(camera.Id, Day.AddDays(1).AddSeconds(-30), minute, bytes: 1_000_000);
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(-1), minute);
        await host.IndexSegmentAsync(camera.Id, Day.AddDays(1).AddHours(1), minute);
        await host.IndexGapAsync(camera.Id, Day.AddHours(12), Day.AddHours(12).AddMinutes(5), "perte vidéo");
        await host.IndexGapAsync(camera.Id, Day.AddHours(9), Day.AddHours(9).AddSeconds(20), "erreur de flux");
        await host.IndexGapAsync(camera.Id, Day.AddDays(-1).AddHours(9), Day.AddDays(-1).AddHours(10));
        await host.Service<LegalHoldService>().PlaceAsync(TestHost.SystemAdministrator, new CameraId(camera.Id),
            new LegalHoldService.NewHold(Day.AddHours(13), Day.AddHours(15), "Vol à l'arraché", "PV 2026/118"), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        var day = await op.GetFromJsonAsync<RecordingsDto>($"/api/cameras/{camera.Id}/recordings?day=2026-11-28", Ct);

        Assert.NotNull(day);
        Assert.Equal((Day, Day.AddDays(1)), (day.From, day.To));
        Assert.Equal([morning.StartsAt, lost.StartsAt, afternoon.StartsAt, overMidnight.StartsAt], day.Segments.Select(s => s.StartsAt));
        Assert.Equal(["complete", "missing", "complete", "complete"], day.Segments.Select(s => s.State));
        Assert.Equal([false, false, true, false], day.Segments.Select(s => s.Held));
        var first = day.Segments[0];
        Assert.Equal((60.0, 2_000_000L, 1500, 60, "h264", 1280, 720), (first.DurationSeconds, first.Bytes, first.Frames, first.Keyframes, first.Codec, first.Width, first.Height));
        Assert.Equal([("erreur de flux", 20.0), ("perte vidéo", 300.0)], day.Gaps.Select(g => (g.Reason, g.DurationSeconds)));
        Assert.Equal("PV 2026/118", Assert.Single(day.Holds).ProcedureNumber);
        // Recorded time is clipped to the day: the segment over midnight counts its last 30 s only.
        Assert.Equal(new RecordingTotalsDto(60 + 60 + 30, 60, 320, 6_000_000, 4, 2), day.Totals);
    }

    [Fact]
    public async Task From_and_to_select_any_window_such_as_a_paris_day()
    {
        await using var host = await TestHost.StartAsync();
        var (site, camera) = await CameraAsync(host);
        // 00:30 in Paris on the 28th is 23:30 UTC on the 27th: in the Paris day, not in the UTC day.
        await host.IndexSegmentAsync(camera.Id, Day.AddMinutes(-30), TimeSpan.FromMinutes(1));
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(23).AddMinutes(30), TimeSpan.FromMinutes(1));
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        var paris = await op.GetFromJsonAsync<RecordingsDto>($"/api/cameras/{camera.Id}/recordings?from=2026-11-28T00:00:00%2B01:00&to=2026-11-29T00:00:00%2B01:00", Ct);
        var utc = await op.GetFromJsonAsync<RecordingsDto>($"/api/cameras/{camera.Id}/recordings?day=2026-11-28", Ct);

        Assert.Equal([Day.AddMinutes(-30)], paris!.Segments.Select(s => s.StartsAt));
        Assert.Equal([Day.AddHours(23).AddMinutes(30)], utc!.Segments.Select(s => s.StartsAt));
    }

    [Fact]
    public async Task A_person_of_another_site_is_refused_and_sees_no_row()
    {
        await using var host = await TestHost.StartAsync();
        var (site, camera) = await CameraAsync(host);
        var other = await host.CreateSiteAsync("Mairie");
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(8), TimeSpan.FromMinutes(1));
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("intrus", Role.Operator, [other]);
        await host.CreatePersonAsync("chef", Role.Supervisor, [other]);
        using var op = await host.ClientAsync("op");
        using var intruder = await host.ClientAsync("intrus");
        using var supervisor = await host.ClientAsync("chef");
        using var anonymous = await host.ClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/cameras/{camera.Id}/recordings?day=2026-11-28", Ct)).StatusCode);
        foreach (var client in new[] { intruder, supervisor })
        {
            var refused = await client.GetAsync($"/api/cameras/{camera.Id}/recordings?day=2026-11-28", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("h264", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/cameras/{camera.Id}/recordings/days", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cameras/{camera.Id}/recordings?day=2026-11-28", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("day=2026-13-01", "day")]
    [InlineData("day=28/11/2026", "day")]
    [InlineData("day=yesterday", "day")]
    [InlineData("", "day")]
    [InlineData("day=2026-11-28&from=2026-11-28T00:00:00Z", "day")]
    [InlineData("from=2026-11-28T00:00:00Z", "to")]
    [InlineData("from=2026-11-28T00:00:00Z&to=not-a-time", "to")]
    [InlineData("from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z", "to")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-11-28T00:00:00Z", "to")]
    public async Task A_bad_day_or_window_is_a_400_that_names_the_parameter(string query, string field)
    {
        await using var host = await TestHost.StartAsync();
        var (site, camera) = await CameraAsync(host);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        var response = await op.GetAsync($"/api/cameras/{camera.Id}/recordings?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var messages = problem.RootElement.GetProperty("errors").GetProperty(field);
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task An_unknown_camera_is_a_404()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/cameras/{Guid.NewGuid()}/recordings?day=2026-11-28", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/cameras/{Guid.NewGuid()}/recordings/days", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_days_with_recordings_are_listed_oldest_first_once_each()
    {
        await using var host = await TestHost.StartAsync();
        var (site, camera) = await CameraAsync(host);
        var minute = TimeSpan.FromMinutes(1);
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(10), minute);
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(11), minute);
        await host.IndexSegmentAsync(camera.Id, Day.AddDays(-3).AddHours(2), minute, missing: true);
        // Runs over midnight into the 29th; then nothing until the 1st of December.
        await host.IndexSegmentAsync(camera.Id, Day.AddDays(1).AddSeconds(-30), minute);
        await host.IndexSegmentAsync(camera.Id, Day.AddDays(3), minute);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        var days = await op.GetFromJsonAsync<List<DateOnly>>($"/api/cameras/{camera.Id}/recordings/days", Ct);

        Assert.Equal([new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29), new DateOnly(2026, 12, 1)], days);
    }

    [Fact]
    public async Task The_recorded_range_runs_from_the_first_complete_segment_to_the_end_of_the_last_and_is_empty_without_any()
    {
        await using var host = await TestHost.StartAsync();
        var (site, camera) = await CameraAsync(host);
        var silent = await host.CreateCameraAsync(site, "parvis");
        var other = await host.CreateSiteAsync("Mairie");
        var minute = TimeSpan.FromMinutes(1);
        // A missing file at either end is not playable: the range leaves it out.
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(7), minute, missing: true);
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(8), minute);
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(11), minute);
        await host.IndexSegmentAsync(camera.Id, Day.AddHours(12), minute, missing: true);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("intrus", Role.Operator, [other]);
        using var op = await host.ClientAsync("op");
        using var intruder = await host.ClientAsync("intrus");

        var range = await op.GetFromJsonAsync<RecordedRangeDto>($"/api/cameras/{camera.Id}/recordings/range", Ct);
        var nothing = await op.GetFromJsonAsync<RecordedRangeDto>($"/api/cameras/{silent.Id}/recordings/range", Ct);

        Assert.Equal(new RecordedRangeDto(camera.Id, Day.AddHours(8), Day.AddHours(11) + minute), range);
        Assert.Equal(new RecordedRangeDto(silent.Id, null, null), nothing);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync($"/api/cameras/{camera.Id}/recordings/range", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/cameras/{Guid.NewGuid()}/recordings/range", Ct)).StatusCode);
    }

    private static async Task<(SiteDto Site, CameraDto Camera)> CameraAsync(TestHost host)
    {
        var site = await host.CreateSiteAsync("Gare");
        return (site, await host.CreateCameraAsync(site, "quai"));
    }
}
