using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.People;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

/// <summary>
/// The API writes enums as camelCase names and still reads numbers; a body or parameter it cannot bind (malformed
/// JSON, a value of the wrong type, an unknown name) is a 400 problem naming the field, like validation errors,
/// and nothing is written.
/// </summary>
public sealed class JsonBindingTests
{
    private const string Password = "une phrase de passe assez longue";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_is_answered_with_role_and_card_status_as_camel_case_names()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        // A role without a card (cardStatus notRequired); authority accounts, the other such role, are opened elsewhere.
        var created = await PostAsync(admin, "/api/people", PersonBody("\"auditor\"", card: false));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = await JsonAsync(created);
        Assert.Equal("auditor", person.GetProperty("role").GetString());
        Assert.Equal("\"authorityRecipient\"", JsonSerializer.Serialize(Role.AuthorityRecipient, ApiJson.Options));
        Assert.Equal("notRequired", person.GetProperty("cardStatus").GetString());
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/people", Ct));
        Assert.Contains(list.RootElement.EnumerateArray(), p => p.GetProperty("role").GetString() == "administrator");
        using var me = JsonDocument.Parse(await admin.GetStringAsync("/api/me", Ct));
        Assert.Equal("administrator", me.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Signing_in_answers_the_role_as_a_name()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("op", Role.Operator, [await host.CreateSiteAsync("Gare")]);
        using var client = await host.ClientAsync();

        var answer = await client.PostAsJsonAsync("/api/session", new { userName = "op", password = TestHost.Password }, Ct);

        Assert.Equal("operator", (await JsonAsync(answer)).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("\"supervisor\"")]
    [InlineData("\"Supervisor\"")]
    [InlineData("2")]
    public async Task A_role_is_read_as_a_name_in_any_case_or_as_the_number_older_clients_send(string role)
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var created = await PostAsync(admin, "/api/people", PersonBody(role));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("supervisor", (await JsonAsync(created)).GetProperty("role").GetString());
        var typed = (await admin.GetFromJsonAsync<List<PersonDto>>("/api/people", ApiJson.Options, Ct))!;
        Assert.Contains(typed, p => p.UserName == "c.martin" && p.Role == Role.Supervisor);
    }

    [Fact]
    public async Task An_unknown_role_name_is_a_400_naming_the_field_and_the_accepted_names_and_writes_nothing()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var response = await PostAsync(admin, "/api/people", PersonBody("\"chef\""));

        var message = await AssertFieldErrorAsync(response, "Role", "request.value_invalid");
        Assert.Contains("operator, supervisor, administrator, auditor, authorityRecipient", message, StringComparison.Ordinal);
        Assert.DoesNotContain(await PeopleAsync(admin), p => p.UserName == "c.martin");
    }

    [Fact]
    public async Task An_undefined_role_number_is_refused_like_any_invalid_role()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        await AssertFieldErrorAsync(await PostAsync(admin, "/api/people", PersonBody("42")), "Role", "person.role_invalid");
        Assert.DoesNotContain(await PeopleAsync(admin), p => p.UserName == "c.martin");
    }

    [Theory]
    [InlineData("""{"siteId":"SITE","name":"Quai 1","mainStreamUrl":"rtsp://127.0.0.1:8554/q1","retentionDays":"trente"}""", "RetentionDays", "nombre entier")]
    [InlineData("""{"siteId":"pas-un-uuid","name":"Quai 1","mainStreamUrl":"rtsp://127.0.0.1:8554/q1"}""", "SiteId", "UUID")]
    [InlineData("""{"siteId":"SITE","name":["Quai 1"],"mainStreamUrl":"rtsp://127.0.0.1:8554/q1"}""", "Name", "texte")]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field_and_what_it_should_be(string body, string field, string expected)
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        using var admin = await AdminAsync(host);

        var response = await PostAsync(admin, "/api/cameras", body.Replace("SITE", site.Id.ToString(), StringComparison.Ordinal));

        var message = await AssertFieldErrorAsync(response, field, "request.value_invalid");
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<List<CameraDto>>("/api/cameras", Ct))!);
    }

    [Fact]
    public async Task A_wrong_value_inside_a_list_is_named_with_its_index()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var response = await PostAsync(admin, "/api/sites",
            """{"name":"Gare","contacts":[{"name":"Gardien","phone":"+33 4 91 00 00 01","isKeyholder":true,"callOrder":1},{"name":"Chef","phone":"+33 4 91 00 00 02","isKeyholder":"oui","callOrder":2}]}""");

        await AssertFieldErrorAsync(response, "Contacts[1].IsKeyholder", "request.value_invalid");
        Assert.Empty((await admin.GetFromJsonAsync<List<SiteDto>>("/api/sites", Ct))!);
    }

    [Theory]
    [InlineData("""{"name":"Gare","client":}""", "Client")]
    [InlineData("""{"name":"Gare",""", "$")]
    [InlineData("""name=Gare""", "$")]
    public async Task Malformed_json_is_a_400_saying_where_it_breaks(string body, string field)
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var response = await PostAsync(admin, "/api/sites", body);

        var message = await AssertFieldErrorAsync(response, field, "request.json_malformed");
        Assert.Contains("JSON", message, StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<List<SiteDto>>("/api/sites", Ct))!);
    }

    [Fact]
    public async Task A_missing_body_is_a_400_asking_for_one()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var response = await PostAsync(admin, "/api/sites", string.Empty);

        await AssertFieldErrorAsync(response, "$", "request.body_missing");
    }

    [Fact]
    public async Task A_query_parameter_that_does_not_parse_is_a_400_naming_it()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var message = await AssertFieldErrorAsync(await admin.GetAsync("/api/signals?limit=beaucoup", Ct), "limit", "request.parameter_invalid");
        Assert.Contains("« beaucoup »", message, StringComparison.Ordinal);
        await AssertFieldErrorAsync(await admin.GetAsync("/api/cameras?siteId=gare", Ct), "siteId", "request.parameter_invalid");
    }

    [Fact]
    public async Task The_message_follows_the_language_chosen_in_the_console()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/people") { Content = new StringContent(PersonBody("\"chef\""), Encoding.UTF8, "application/json") };
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var message = await AssertFieldErrorAsync(await admin.SendAsync(english, Ct), "Role", "request.value_invalid");

        Assert.StartsWith("The value of Role cannot be read: expected one of operator", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_sent_as_plain_text_is_still_a_415_and_writes_nothing()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = await AdminAsync(host);

        var response = await admin.PostAsync("/api/sites", new StringContent("""{"name":"Gare"}""", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<List<SiteDto>>("/api/sites", Ct))!);
    }

    [Fact]
    public async Task The_console_hub_writes_enums_as_names_too()
    {
        await using var host = await TestHost.StartAsync();

        var hub = host.Service<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;

        Assert.Equal("\"auditor\"", JsonSerializer.Serialize(Role.Auditor, hub));
        Assert.Equal(Role.Auditor, JsonSerializer.Deserialize<Role>("4", hub));
    }

    private static async Task<HttpClient> AdminAsync(TestHost host)
    {
        await host.CreatePersonAsync("admin", Role.Administrator);
        return await host.ClientAsync("admin");
    }

    private static string PersonBody(string role, bool card = true) =>
        $$"""{"userName":"c.martin","displayName":"Camille Martin","role":{{role}},{{(card ? "\"cardNumber\":\"CAR-013-2030\",\"cardExpiry\":\"2030-05-17\"," : string.Empty)}}"siteIds":[],"isActive":true,"password":"{{Password}}"}""";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task<List<PersonDto>> PeopleAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<List<PersonDto>>("/api/people", ApiJson.Options, Ct))!;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    /// <summary>Asserts a 400 problem with one message for <paramref name="field"/> and the code; returns the message.</summary>
    private static async Task<string> AssertFieldErrorAsync(HttpResponseMessage response, string field, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"No error for {field}: {body}");
        var message = messages[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message), body);
        return message!;
    }
}
