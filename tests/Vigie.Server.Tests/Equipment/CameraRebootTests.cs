using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Vigie.Server.Features.Equipment;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Equipment;

/// <summary>
/// The troubleshooting's reboot: an HTTP CGI that challenges for credentials gets the camera's own (never in the
/// address); ONVIF's SystemReboot carries a WS-Security digest a device can check.
/// </summary>
public sealed class CameraRebootTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cgi_reboot_answers_the_cameras_challenge_with_its_credentials_and_the_answer_is_recorded()
    {
        var port = DemoProcess.FreePort();
        using var camera = new HttpListener();
        camera.Prefixes.Add($"http://127.0.0.1:{port}/");
        camera.AuthenticationSchemes = AuthenticationSchemes.Basic;
        camera.Start();
        var served = ServeAsync(camera);
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        var saved = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Quai", $"rtsp://127.0.0.1:{port}/stream", null, "admin", "cam-secret", 30), Ct);
        await host.CreatePersonAsync("admin2", Domain.People.Role.Administrator);
        using var admin = await host.ClientAsync("admin2");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/cameras/{saved.Id}/profile",
            new { reboot = "httpGet", rebootUrl = $"http://admin:cam-secret@127.0.0.1:{port}/cgi-bin/reboot.cgi" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/cameras/{saved.Id}/profile",
            new { expectedFps = 25, reboot = "httpGet", rebootUrl = $"http://127.0.0.1:{port}/cgi-bin/reboot.cgi" }, Ct)).StatusCode);

        var outcome = await host.Service<CameraDiagnostics>().RebootAsync(new Domain.CameraId(saved.Id), Ct);

        Assert.True(outcome.Succeeded, outcome.Text);
        Assert.Contains("la caméra a répondu 200", outcome.Text, StringComparison.Ordinal);
        var (user, password, path) = await served;
        Assert.Equal(("admin", "cam-secret", "/cgi-bin/reboot.cgi"), (user, password, path));
    }

    [Fact]
    public async Task The_onvif_reboot_carries_a_ws_security_password_digest_of_nonce_created_and_password()
    {
        var created = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        byte[] nonce = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        using var request = CameraDiagnostics.OnvifReboot("http://10.0.0.12/onvif/device_service", "admin", "p<a>ss", created, nonce);
        var body = XDocument.Parse(await request.Content!.ReadAsStringAsync(Ct));
        XNamespace wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
        XNamespace wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
        XNamespace device = "http://www.onvif.org/ver10/device/wsdl";
        var token = body.Descendants(wsse + "UsernameToken").Single();

        Assert.Equal("admin", token.Element(wsse + "Username")!.Value);
        var when = token.Element(wsu + "Created")!.Value;
        Assert.Equal("2026-12-06T10:00:00.000Z", when);
        Assert.Equal(nonce, Convert.FromBase64String(token.Element(wsse + "Nonce")!.Value));
        // The device's check (WS-Security UsernameToken Profile 1.0, §3.1): Base64(SHA-1(nonce + created + password)).
        var expected = Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(when + "p<a>ss")]));
        Assert.Equal(expected, token.Element(wsse + "Password")!.Value);
        Assert.Single(body.Descendants(device + "SystemReboot"));
        Assert.Equal("application/soap+xml", request.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpMethod.Post, request.Method);
    }

    /// <summary>Answers one request like a camera's CGI: 401 with a challenge until credentials come, then 200.</summary>
    private static async Task<(string User, string Password, string Path)> ServeAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var identity = (HttpListenerBasicIdentity)context.User!.Identity!;
        var path = context.Request.Url!.AbsolutePath;
        context.Response.StatusCode = 200;
        context.Response.Close();
        return (identity.Name, identity.Password, path);
    }
}
