using System.Net;
using System.Net.Http.Json;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

public sealed class SiteScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operator_cannot_read_another_sites_cameras_through_the_api()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        var myCamera = await host.CreateCameraAsync(mine, "quai-1");
        var otherCamera = await host.CreateCameraAsync(other, "hall");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        using var client = await host.ClientAsync("op");

        var list = await client.GetFromJsonAsync<List<CameraDto>>("/api/cameras", Ct);
        Assert.Equal([myCamera.Id], list!.Select(c => c.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/cameras/{myCamera.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/cameras/{otherCamera.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/cameras?siteId={other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/sites/{other.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Camera_passwords_never_leave_the_server_and_are_stored_encrypted()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.CreateCameraAsync(site, "quai-1");
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync("admin");

        var json = await client.GetStringAsync($"/api/cameras/{camera.Id}", Ct);
        Assert.DoesNotContain("stream-secret", json, StringComparison.Ordinal);
        Assert.Contains("\"hasPassword\":true", json, StringComparison.Ordinal);
        var dbBytes = await File.ReadAllBytesAsync(Path.Combine(host.DataFolder, "vigie.db"), Ct);
        var walPath = Path.Combine(host.DataFolder, "vigie.db-wal");
        var walBytes = File.Exists(walPath) ? await ReadSharedAsync(walPath) : [];
        var secret = System.Text.Encoding.UTF8.GetBytes("stream-secret");
        Assert.Equal(-1, dbBytes.AsSpan().IndexOf(secret));
        Assert.Equal(-1, walBytes.AsSpan().IndexOf(secret));
    }

    [Fact]
    public async Task Operator_cannot_read_or_write_another_sites_log_entries_through_the_api()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("op2", Role.Operator, [other]);
        using var op = await host.ClientAsync("op");
        using var op2 = await host.ClientAsync("op2");

        var foreign = await (await op2.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(other.Id, "incident", "Vitre brisée côté mairie"), Ct))
            .Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);
        var own = await (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(mine.Id, "information", "Ronde quai 1 RAS"), Ct))
            .Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);

        var visible = await op.GetFromJsonAsync<List<LogbookEntryDto>>("/api/logbook", Ct);
        Assert.Contains(visible!, e => e.Id == own!.Id);
        Assert.DoesNotContain(visible!, e => e.Id == foreign!.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"/api/logbook/{foreign!.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"/api/logbook?siteId={other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(other.Id, "incident", "intrusion"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/logbook/{foreign.Id}/corrections", new LogbookCorrection("changé"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Roles_without_the_permission_get_403()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("audit", Role.Auditor);
        using var op = await host.ClientAsync("op");
        using var auditor = await host.ClientAsync("audit");

        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/people", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/sites", new SiteInput("X", null, null, null, null, null, null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(null, "information", "note"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/audit", Ct)).StatusCode);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
