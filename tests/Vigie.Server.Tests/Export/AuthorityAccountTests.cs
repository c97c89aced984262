using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Evidence;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;
using static Vigie.Server.Tests.Export.ExportTestSteps;

namespace Vigie.Server.Tests.Export;

/// <summary>
/// Authority accounts: opened by an administrator for the packages prepared for an officer; the account downloads and
/// verifies those and sees nothing else (no video, no register, no other package); every download is audited; at its
/// expiry the account gets 401 and cannot sign in again.
/// </summary>
public sealed class AuthorityAccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_authority_account_gets_its_packages_only_until_it_expires()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai A", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var chef = await host.ClientAsync("chef");
        using var admin = await host.ClientAsync("admin");
        var segments = await WaitForSegmentsAsync(host, camera.Id, 3);
        var range = new { cameraIds = new[] { camera.Id }, from = segments[0].StartsAt + TimeSpan.FromMilliseconds(200), to = segments[1].EndsAt, reason = "Vol", authority = "Police nationale", requisition = "PV 77" };
        var theirs = await WaitForExportAsync(chef, (await ReadJobAsync(await chef.PostAsJsonAsync("/api/exports", range, Ct))).GetProperty("id").GetGuid());
        var other = await WaitForExportAsync(chef, (await ReadJobAsync(await chef.PostAsJsonAsync("/api/exports", range with { requisition = "PV 78" }, Ct))).GetProperty("id").GetGuid());
        var (number, otherNumber) = (theirs.GetProperty("registerNumber").GetInt64(), other.GetProperty("registerNumber").GetInt64());
        var expires = TimeProvider.System.GetUtcNow().AddDays(7);
        var input = new AuthorityAccounts.AccountInput("opj.durand", "OPJ Durand — commissariat central", TestHost.Password, expires, [number]);

        // Administrators open them, for packages the server keeps, for at most 90 days.
        Assert.Equal(HttpStatusCode.Forbidden, (await chef.PostAsJsonAsync("/api/authority-accounts", input, Ct)).StatusCode);
        await RefusedAsync(admin, input with { RegisterNumbers = [] }, "authority.packages_required");
        await RefusedAsync(admin, input with { RegisterNumbers = [999] }, "authority.package_unknown");
        await RefusedAsync(admin, input with { ExpiresAt = TimeProvider.System.GetUtcNow().AddDays(91) }, "person.access_expiry_invalid");
        await RefusedAsync(admin, input with { ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(-1) }, "person.access_expiry_invalid");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/authority-accounts", input, Ct)).StatusCode);
        var listed = Assert.Single((await admin.GetFromJsonAsync<List<AuthorityAccounts.AccountDto>>("/api/authority-accounts", Ct))!);
        Assert.Equal(("opj.durand", false), (listed.UserName, listed.Expired));
        Assert.Equal([number], listed.RegisterNumbers);

        // The officer sees the one package prepared for them, downloads it, and checks it with the public key at its URL.
        using var officer = await host.ClientAsync("opj.durand");
        var package = Assert.Single((await officer.GetFromJsonAsync<List<AuthorityAccounts.PackageDto>>("/api/authority/packages", Ct))!);
        Assert.Equal((number, "PV 77"), (package.RegisterNumber, package.Requisition));
        var folder = Path.Combine(host.DataFolder, "received");
        Directory.CreateDirectory(folder);
        var zip = Path.Combine(folder, "paquet.zip");
        await File.WriteAllBytesAsync(zip, await officer.GetByteArrayAsync(new Uri(package.Download, UriKind.Relative), Ct), Ct);
        using var anonymous = await host.ClientAsync();
        var publicKey = Path.Combine(folder, "vigie.pub.pem");
        await File.WriteAllTextAsync(publicKey, await anonymous.GetStringAsync(new Uri("/api/evidence/public-key", UriKind.Relative), Ct), Ct);
        var verified = await VigieProcess.RunAsync("evidence", "verify", zip, "--public-key", publicKey);
        Assert.True(verified.ExitCode == 0, verified.All);

        // Nothing else: another package is unknown to them, video and registers are refused.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri($"/api/authority/packages/{otherNumber}", UriKind.Relative), Ct)).StatusCode);
        foreach (var url in new[] { "/api/cameras", $"/api/cameras/{camera.Id}/snapshot", $"/api/exports/{theirs.GetProperty("id").GetGuid()}/package", "/api/extractions", "/api/logbook", "/api/alarms", "/api/holds" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(new Uri(url, UriKind.Relative), Ct)).StatusCode);
        }

        // The overview tells them nothing of the centre: no alarms, no cameras, nobody on duty.
        var overview = await officer.GetStringAsync(new Uri("/api/overview", UriKind.Relative), Ct);
        Assert.DoesNotContain("chef", overview, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quai A", overview, StringComparison.Ordinal);

        var downloads = await AuditAsync(host, AuditCategory.ExportDownloaded);
        Assert.Contains(downloads, t => t.StartsWith($"Téléchargement du paquet de preuve n° {number} par le compte autorité opj.durand", StringComparison.Ordinal));

        // At its expiry the account stops: the open session gets 401, and signing in again is refused.
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            var person = await db.People.SingleAsync(p => p.UserName == "opj.durand", Ct);
            db.Entry(person).Property(p => p.AccessExpiresAt).CurrentValue = TimeProvider.System.GetUtcNow().AddSeconds(-1);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync(new Uri("/api/authority/packages", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/session", new { userName = "opj.durand", password = TestHost.Password }, Ct)).StatusCode);
        Assert.True(Assert.Single((await admin.GetFromJsonAsync<List<AuthorityAccounts.AccountDto>>("/api/authority-accounts", Ct))!).Expired);
    }

    private static async Task RefusedAsync(HttpClient admin, AuthorityAccounts.AccountInput input, string code)
    {
        var response = await admin.PostAsJsonAsync("/api/authority-accounts", input, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
