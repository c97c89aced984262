using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.People;
using Vigie.Testing;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Tests.Security;

public sealed class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync();
        for (var i = 0; i < Person.MaxFailedSignIns; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = $"wrong password {i}" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = TestHost.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("LockedOut", (await ProblemCodeAsync(locked)));

        host.Time.Advance(Person.LockoutDuration + TimeSpan.FromSeconds(1));
        var after = await client.PostAsJsonAsync("/api/session", new { userName = "admin", password = TestHost.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        var audit = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.Audit, new LogbookFilter(), Ct);
        Assert.Contains(audit, e => e.Category == AuditCategory.Lockout && e.Text.Contains("admin", StringComparison.Ordinal));
        Assert.True(audit.Count(e => e.Category == AuditCategory.SignInFailed) >= Person.MaxFailedSignIns);
        Assert.Contains(audit, e => e.Category == AuditCategory.SignIn);
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
