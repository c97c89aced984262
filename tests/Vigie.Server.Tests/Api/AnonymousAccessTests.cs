using System.Net;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

public sealed class AnonymousAccessTests
{
    [Fact]
    public async Task Health_answers_200_when_host_and_storage_are_up()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE", text, StringComparison.Ordinal);
        Assert.Contains("vigie_logbook_entries", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/cameras")]
    [InlineData("GET", "/api/sites")]
    [InlineData("GET", "/api/logbook")]
    [InlineData("POST", "/api/logbook")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/people")]
    [InlineData("GET", "/api/me")]
    [InlineData("DELETE", "/api/session")]
    public async Task Api_calls_without_a_session_get_401(string method, string path)
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Console_pages_redirect_to_sign_in_without_a_session()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        var response = await client.GetAsync("/main-courante", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_assets_and_sign_in_page_are_served()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        var login = await client.GetStringAsync("/login", TestContext.Current.CancellationToken);
        Assert.Contains("Connexion", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains(".shell", await client.GetStringAsync("/css/vigie.css", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_shows_the_404_page_to_a_signed_in_person()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Domain.People.Role.Administrator);
        using var client = await host.ClientAsync("admin");
        var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }
}
