using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.People;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

public sealed class SiteAdministrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_site_keeps_its_prefectoral_authorisation_and_its_contacts_in_call_order()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");
        var input = new SiteInput("Port autonome", "Grand Port Maritime", "Quai de la Joliette, Marseille", "AP-13-2024-0042", new DateOnly(2029, 6, 30), "Quais 1 à 4, 12 caméras",
        [
            new ContactInput("Gardien de nuit", "Gardiennage", "+33 4 91 00 00 03", null, IsKeyholder: true, CallOrder: 3),
            new ContactInput("Directeur sûreté", "Direction", "+33 4 91 00 00 01", "surete@port.example", IsKeyholder: false, CallOrder: 1),
            new ContactInput("Astreinte technique", null, "+33 4 91 00 00 02", null, IsKeyholder: true, CallOrder: 2),
        ]);

        var created = await admin.PostAsJsonAsync("/api/sites", input, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<SiteDto>(Ct))!.Id;

        var site = (await admin.GetFromJsonAsync<SiteDto>($"/api/sites/{id}", Ct))!;
        Assert.Equal("AP-13-2024-0042", site.AuthorisationNumber);
        Assert.Equal(new DateOnly(2029, 6, 30), site.AuthorisationExpiry);
        Assert.Equal("Quais 1 à 4, 12 caméras", site.AuthorisationPerimeter);
        Assert.Equal(["Directeur sûreté", "Astreinte technique", "Gardien de nuit"], site.Contacts.Select(c => c.Name));
        Assert.Equal([1, 2, 3], site.Contacts.Select(c => c.CallOrder));
        Assert.Equal([false, true, true], site.Contacts.Select(c => c.IsKeyholder));

        var changed = input with
        {
            AuthorisationExpiry = new DateOnly(2031, 6, 30),
            Contacts = [new ContactInput("Gardien de nuit", "Gardiennage", "+33 4 91 00 00 03", null, IsKeyholder: true, CallOrder: 1)],
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{id}", changed, Ct)).StatusCode);

        site = (await admin.GetFromJsonAsync<SiteDto>($"/api/sites/{id}", Ct))!;
        Assert.Equal(new DateOnly(2031, 6, 30), site.AuthorisationExpiry);
        var keyholder = Assert.Single(site.Contacts);
        Assert.Equal(("Gardien de nuit", 1, true), (keyholder.Name, keyholder.CallOrder, keyholder.IsKeyholder));
    }

    [Fact]
    public async Task Invalid_site_input_gets_the_field_at_fault_and_writes_nothing()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");

        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/sites", new SiteInput(" ", null, null, null, null, null, null), Ct), "Name");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/sites", new SiteInput("Gare", null, null, null, new DateOnly(2029, 1, 1), null, null), Ct), "AuthorisationNumber");
        await AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/sites", new SiteInput("Gare", null, null, null, null, null, [new ContactInput("Gardien", null, " ", null, true, 1)]), Ct), "ContactPhone");

        Assert.Empty((await admin.GetFromJsonAsync<List<SiteDto>>("/api/sites", Ct))!);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {body}");
    }
}
