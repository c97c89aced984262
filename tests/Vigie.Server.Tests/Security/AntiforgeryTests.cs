using System.Net;
using System.Text.RegularExpressions;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.Server.Tests.Security;

/// <summary>
/// The console's plain form posts (sign-in, sign-out) carry an antiforgery token; a post without it is
/// refused and changes nothing, on top of the SameSite=Strict session cookie.
/// </summary>
public sealed partial class AntiforgeryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_session_stays_open()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync("admin");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_out_with_the_token_of_the_console_page_ends_the_session()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync("admin");
        var page = await client.GetStringAsync("/", Ct);
        var token = TokenField().Match(page);
        Assert.True(token.Success, "The console page has no antiforgery token in its sign-out form");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_form_posted_without_the_antiforgery_token_is_refused()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync();

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(
        [
            new("_handler", "login"),
            new("Input.UserName", "admin"),
            new("Input.Password", TestHost.Password),
        ]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
