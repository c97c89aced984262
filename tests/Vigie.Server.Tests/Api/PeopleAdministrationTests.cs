using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.People;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

public sealed class PeopleAdministrationTests
{
    private const string NewPassword = "une phrase de passe assez longue";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_records_people_with_their_role_professional_card_and_sites()
    {
        await using var host = await TestHost.StartAsync();
        var gare = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");

        var operatorInput = new PersonInput("c.martin", "Camille Martin", Role.Operator, "CAR-013-2030-05-17-20240001234", new DateOnly(2030, 5, 17), [gare.Id], true, NewPassword);
        var created = await admin.PostAsJsonAsync("/api/people", operatorInput, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agent = (await created.Content.ReadFromJsonAsync<PersonDto>(ApiJson.Options, Ct))!;
        Assert.Equal((Role.Operator, "CAR-013-2030-05-17-20240001234", new DateOnly(2030, 5, 17), CardStatus.Valid), (agent.Role, agent.CardNumber, agent.CardExpiry, agent.CardStatus));
        Assert.Equal([gare.Id], agent.SiteIds);

        // An officer's account ends by itself and sees only its packages: it is opened as an authority account, not here.
        var police = new PersonInput("opj.durand", "OPJ Durand", Role.AuthorityRecipient, null, null, [], true, NewPassword);
        var refused = await admin.PostAsJsonAsync("/api/people", police, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("person.authority_elsewhere", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var people = (await admin.GetFromJsonAsync<List<PersonDto>>("/api/people", ApiJson.Options, Ct))!;
        Assert.DoesNotContain(people, p => p.UserName == "opj.durand");
        Assert.Contains(people, p => p.UserName == "c.martin" && p.Role == Role.Operator);

        using var agentClient = await host.ClientAsync("c.martin", NewPassword);
        var self = (await agentClient.GetFromJsonAsync<PersonDto>("/api/me", ApiJson.Options, Ct))!;
        Assert.Equal(agent.Id, self.Id);

        var audit = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.Audit, new Vigie.Storage.Logbook.LogbookFilter(), Ct);
        Assert.Contains(audit, e => e.Category == AuditCategory.PersonChanged && e.Text.Contains("c.martin created by admin", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, e => e.Text.Contains("opj.durand", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, e => e.Text.Contains(NewPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_people_input_gets_the_field_at_fault_and_writes_nothing()
    {
        await using var host = await TestHost.StartAsync();
        var gare = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");
        var valid = new PersonInput("c.martin", "Camille Martin", Role.Operator, "CAR-013-2030", new DateOnly(2030, 5, 17), [gare.Id], true, NewPassword);

        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/people", valid with { CardNumber = null, CardExpiry = null }, Ct), "CardNumber");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/people", valid with { CardExpiry = null }, Ct), "CardExpiry");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/people", valid with { Password = "court" }, Ct), "Password");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/people", valid with { SiteIds = [Guid.NewGuid()] }, Ct), "SiteIds");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/people", valid with { UserName = "admin" }, Ct), "UserName");

        var people = (await admin.GetFromJsonAsync<List<PersonDto>>("/api/people", ApiJson.Options, Ct))!;
        Assert.Equal(["admin"], people.Select(p => p.UserName));
    }

    [Fact]
    public async Task Administrator_lifts_the_wait_of_a_slowed_down_account_at_once()
    {
        await using var host = await TestHost.StartAsync();
        var gare = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("admin", Role.Administrator);
        var agent = await host.CreatePersonAsync("op", Role.Operator, [gare]);
        using var admin = await host.ClientAsync("admin");
        using var client = await host.ClientAsync();
        for (var i = 0; i < 8; i++)
        {
            await client.PostAsJsonAsync("/api/session", new { userName = "op", password = $"wrong password {i}" }, Ct);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/session", new { userName = "op", password = TestHost.Password }, Ct)).StatusCode);
        Assert.Contains((await admin.GetFromJsonAsync<List<PersonDto>>("/api/people", ApiJson.Options, Ct))!, p => p.Id == agent.Id && p.ThrottledUntil is not null);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/people/{agent.Id}/unlock", null, Ct)).StatusCode);
        Assert.Contains((await admin.GetFromJsonAsync<List<PersonDto>>("/api/people", ApiJson.Options, Ct))!, p => p.Id == agent.Id && p.ThrottledUntil is null);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/session", new { userName = "op", password = TestHost.Password }, Ct)).StatusCode);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {body}");
    }
}
