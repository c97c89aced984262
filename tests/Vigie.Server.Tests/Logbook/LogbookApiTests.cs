using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Logbook;

public sealed class LogbookApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correction_is_a_new_entry_and_the_corrected_entry_stays_unchanged()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        var original = await (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", "Vitre brisée quai 2", "ALM-1"), Ct)).Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);
        var response = await op.PostAsJsonAsync($"/api/logbook/{original!.Id}/corrections", new LogbookCorrection("Vitre brisée quai 3 (et non quai 2)"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var correction = await response.Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);

        Assert.Equal(original.Id, correction!.CorrectsId);
        Assert.Equal(original.Sequence + 1, correction.Sequence);
        Assert.Equal(site.Id, correction.SiteId);
        var reread = await op.GetFromJsonAsync<LogbookEntryDto>($"/api/logbook/{original.Id}", Ct);
        Assert.Equal(original, reread);
    }

    [Fact]
    public async Task Filters_by_site_category_author_and_date()
    {
        await using var host = await TestHost.StartAsync();
        var gare = await host.CreateSiteAsync("Gare");
        var mairie = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("alice", Role.Supervisor, [gare, mairie]);
        await host.CreatePersonAsync("bob", Role.Operator, [gare]);
        using var alice = await host.ClientAsync("alice");
        using var bob = await host.ClientAsync("bob");
        await alice.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(gare.Id, "incident", "a1"), Ct);
        await alice.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(mairie.Id, "information", "a2"), Ct);
        host.Time.Advance(TimeSpan.FromHours(1));
        await bob.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(gare.Id, "information", "b1"), Ct);

        async Task<string[]> TextsAsync(string query) =>
            (await alice.GetFromJsonAsync<List<LogbookEntryDto>>($"/api/logbook?{query}", Ct))!.Where(e => e.Category != "systeme").Select(e => e.Text).Order().ToArray();

        Assert.Equal(["a1", "b1"], await TextsAsync($"siteId={gare.Id}"));
        Assert.Equal(["a2", "b1"], await TextsAsync("category=information"));
        Assert.Equal(["b1"], await TextsAsync("author=BOB"));
        Assert.Equal(["b1"], await TextsAsync($"from={Uri.EscapeDataString(host.Time.GetUtcNow().AddMinutes(-30).ToString("O"))}"));
        Assert.Equal(["a1", "a2"], await TextsAsync($"to={Uri.EscapeDataString(host.Time.GetUtcNow().AddMinutes(-30).ToString("O"))}"));
    }

    [Fact]
    public async Task Invalid_entries_get_field_errors_and_write_nothing()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var before = (await op.GetFromJsonAsync<List<LogbookEntryDto>>("/api/logbook", Ct))!.Count;

        await AssertFieldErrorAsync(await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", "   "), Ct), "Text");
        await AssertFieldErrorAsync(await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "systeme", "je me fais passer pour Vigie"), Ct), "Category");
        await AssertFieldErrorAsync(await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", new string('x', 9000)), Ct), "Text");
        var malformed = await op.PostAsync("/api/logbook", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync("/api/logbook/999999/corrections", new LogbookCorrection("x"), Ct)).StatusCode);

        Assert.Equal(before, (await op.GetFromJsonAsync<List<LogbookEntryDto>>("/api/logbook", Ct))!.Count);
    }

    [Fact]
    public async Task Administrative_changes_are_written_to_the_audit_log()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");
        var site = await (await admin.PostAsJsonAsync("/api/sites", new SiteInput("Port", "Client", "Quai", "AP-13-001", new DateOnly(2030, 1, 1), "Quais", []), Ct)).Content.ReadFromJsonAsync<SiteDto>(Ct);
        var cameraResponse = await admin.PostAsJsonAsync("/api/cameras", new CameraInput(site!.Id, "Quai A", "rtsp://10.0.0.5/stream1", null, "user", "secret-pw", 15), Ct);
        Assert.Equal(HttpStatusCode.Created, cameraResponse.StatusCode);

        var audit = await admin.GetFromJsonAsync<List<LogbookEntryDto>>("/api/audit", Ct);
        Assert.Contains(audit!, e => e.Category == AuditCategory.SiteChanged && e.Text.Contains("Port", StringComparison.Ordinal));
        Assert.Contains(audit!, e => e.Category == AuditCategory.CameraChanged && e.Text.Contains("Quai A", StringComparison.Ordinal));
        Assert.DoesNotContain(audit!, e => e.Text.Contains("secret-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Camera_retention_over_30_days_is_refused_citing_the_law()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/cameras", new CameraInput(site.Id, "Quai", "rtsp://10.0.0.5/s", null, null, null, 45), Ct);
        var body = await AssertFieldErrorAsync(response, "RetentionDays");
        Assert.Contains("L252-5", body, StringComparison.Ordinal);
    }

    private static async Task<string> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {body}");
        return body;
    }
}
