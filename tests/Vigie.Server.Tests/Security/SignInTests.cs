using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.People;
using Vigie.Server.Security;
using Vigie.Testing;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Tests.Security;

public sealed class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_passwords_slow_down_that_address_without_locking_the_person_out()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = $"wrong password {i}" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // From the guesser's address the next tries wait, unchecked, even with the right password.
        for (var i = 0; i < 10; i++)
        {
            var slowed = await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = TestHost.Password }, Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
            Assert.Equal("Throttled", await ProblemCodeAsync(slowed));
            Assert.NotNull(slowed.Headers.RetryAfter);
        }

        // The administrator, from their own desk, is not kept out by someone else's failures.
        var elsewhere = await host.Service<SignInService>().SignInAsync("admin", TestHost.Password, "192.0.2.7", Ct);
        Assert.Equal(SignInOutcome.Success, elsewhere.Outcome);

        // And the wait is short: a second later the right password opens from the guesser's address too.
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = TestHost.Password }, Ct)).StatusCode);

        var audit = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.Audit, new LogbookFilter(), Ct);
        Assert.Equal(5, audit.Count(e => e.Category == AuditCategory.SignInFailed));
        // One entry for the burst of ten refused tries, not ten.
        Assert.Single(audit, e => e.Category == AuditCategory.Lockout && e.Text.Contains("'admin'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forty_parallel_guesses_get_exactly_the_free_tries_checked()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        var signIn = host.Service<SignInService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => signIn.SignInAsync("admin", $"wrong password {i}", "198.51.100.9", Ct), Ct)));

        Assert.Equal(5, results.Count(r => r.Outcome == SignInOutcome.InvalidCredentials));
        Assert.Equal(35, results.Count(r => r.Outcome == SignInOutcome.Throttled));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Behind_a_named_reverse_proxy_each_client_address_is_counted_on_its_own(bool proxyNamed)
    {
        await using var host = await TestHost.StartAsync(configure: o => proxyNamed
            ? o with { Settings = new Dictionary<string, string?> { ["ReverseProxy:TrustedProxies:0"] = "127.0.0.1" } }
            : o);
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInFromAsync(client, "203.0.113.7", $"wrong password {i}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInFromAsync(client, "203.0.113.7", TestHost.Password)).StatusCode);
        // Another desk behind the same proxy: its own address when the proxy is named, the proxy's otherwise.
        var otherDesk = await SignInFromAsync(client, "203.0.113.8", TestHost.Password);
        Assert.Equal(proxyNamed ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, otherDesk.StatusCode);
    }

    [Fact]
    public void A_success_from_an_address_clears_its_spray_counter()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(time);
        // Twenty typing mistakes over twenty accounts from one shared address: the next try of anyone there waits.
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(throttle.Admit($"agent{i}", "192.0.2.1", out _));
        }

        Assert.NotNull(throttle.Admit("chef", "192.0.2.1", out var burst));
        Assert.True(burst);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(throttle.Admit("chef", "192.0.2.1", out _));
        throttle.Succeeded("chef", "192.0.2.1");

        // Once someone there signs in, the address starts again.
        Assert.Null(throttle.Admit("agent0", "192.0.2.1", out _));
        Assert.Null(throttle.Admit("agent1", "192.0.2.1", out _));
    }

    private static async Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string address, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { userName = "admin", password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_flood_of_sign_in_requests_from_one_address_is_cut_by_the_rate_limit()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < SignInThrottle.RequestsPerMinute + 5; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/session", new { userName = $"nobody{i}", password = "wrong password" }, Ct));
        }

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests && a.Headers.RetryAfter is not null).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains("Too many sign-in requests from this address", await limited[^1].Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Expired_professional_card_cannot_sign_in()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site], cardExpiry: new DateOnly(2026, 11, 28));
        using var client = await host.ClientAsync();

        var response = await client.PostAsJsonAsync("/api/session", new { userName = "op", password = TestHost.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("CardExpired", await ProblemCodeAsync(response));
        Assert.Contains("2026-11-28", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_expiring_within_60_days_signs_in_with_a_warning()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site], cardExpiry: new DateOnly(2027, 1, 15));
        using var client = await host.ClientAsync("op");
        var me = await client.GetFromJsonAsync<PersonDto>("/api/me", ApiJson.Options, Ct);
        Assert.Equal(CardStatus.ExpiresSoon, me!.CardStatus);
    }

    [Fact]
    public async Task Open_session_ends_when_the_card_expires()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site], cardExpiry: new DateOnly(2026, 11, 30));
        using var client = await host.ClientAsync("op");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me", Ct)).StatusCode);
        host.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Session_expires_after_a_shift()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me", Ct)).StatusCode);
        host.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Changing_a_persons_role_ends_their_open_sessions()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        var op = await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var client = await host.ClientAsync("op");
        await host.Service<PeopleService>().SaveAsync(TestHost.SystemAdministrator, new Domain.PersonId(op.Id),
            new PersonInput("op", "OP", Role.Auditor, op.CardNumber, op.CardExpiry, [], true), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync();
        var unknown = await client.PostAsJsonAsync("/api/session", new { userName = "nobody", password = "whatever whatever" }, Ct);
        var wrong = await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = "whatever whatever" }, Ct);
        Assert.Equal(await ProblemCodeAsync(unknown), await ProblemCodeAsync(wrong));
        Assert.Equal("InvalidCredentials", await ProblemCodeAsync(wrong));
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
