using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Server.Alarms;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

public sealed class WebhookIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestHost Host, string Token, HttpClient Client)> StartAsync(Dictionary<string, string?>? settings = null, CapturedLog? log = null)
    {
        var host = await TestHost.StartAsync(configure: o => o with { Settings = settings ?? [] }, services: log is null ? null : s => s.AddSingleton<ILoggerProvider>(log));
        await host.CreateSiteAsync("Entrepôt");
        await host.CreateSiteAsync("Boutique");
        var created = await host.Service<IntakeSourceRegistry>().AddWebhookAsync("nvr-quai", ["Entrepôt", "Boutique"], "test", Ct);
        await host.Service<IntakeSourceDirectory>().ReloadAsync(Ct);
        return (host, created.Token, await host.ClientAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, string body, string source = "nvr-quai", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/webhook/{source}") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request, Ct);
    }

    private static async Task<List<AlarmSignal>> SignalsAsync(TestHost host)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await db.AlarmSignals.AsNoTracking().OrderBy(s => s.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_message_with_the_source_token_is_committed_with_its_site_zone_category_and_priority_before_200()
    {
        var (host, token, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        var body = """{"event_id":"quai3-0001","time":"2026-11-29T10:59:58+01:00","category":"intrusion","zone":"Q3","text":"Personne sur le quai 3","site":"Boutique","raw":{"camera":"quai-3","score":0.93}}""";

        var response = await PostAsync(client, token, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("accepted", "quai3-0001"), (answer.GetProperty("status").GetString(), answer.GetProperty("eventId").GetString()));
        var signal = Assert.Single(await SignalsAsync(host));
        var boutique = (await host.Service<Features.Sites.SiteService>().ListSitesAsync(TestHost.SystemAdministrator, Ct)).Single(s => s.Name == "Boutique");
        Assert.Equal(("webhook:nvr-quai", boutique.Id, AlarmCategory.Intrusion, 2, "Q3", "Personne sur le quai 3"), (signal.Source, signal.SiteId!.Value.Value, signal.Category, signal.Priority, signal.Zone, signal.French));
        Assert.Equal(answer.GetProperty("signalId").GetInt64(), signal.Id);
        Assert.Equal(body, signal.Raw);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 59, 58, TimeSpan.Zero), signal.SentAt);
        Assert.Equal(host.Time.GetUtcNow(), signal.ReceivedAt);
        Assert.Equal(1, await IntakeMetricsReader.CountAsync(client, "webhook:nvr-quai", "accepted", Ct));
    }

    [Fact]
    public async Task On_postgresql_a_message_near_the_cap_is_stored_whole_and_a_repeat_once()
    {
        await using var host = await TestHost.StartOnPostgresAsync();
        await host.CreateSiteAsync("Entrepôt");
        var created = await host.Service<IntakeSourceRegistry>().AddWebhookAsync("nvr", ["Entrepôt"], "test", Ct);
        await host.Service<IntakeSourceDirectory>().ReloadAsync(Ct);
        using var client = await host.ClientAsync();
        var body = $$"""{"event_id":"big-1","category":"intrusion","raw":"{{new string('x', 60_000)}}"}""";

        var first = await PostAsync(client, created.Token, body, source: "nvr");
        var again = await PostAsync(client, created.Token, body, source: "nvr");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(body, Assert.Single(await SignalsAsync(host)).Raw);
    }

    [Fact]
    public async Task A_repeated_event_id_is_acknowledged_again_and_stored_once_even_when_sent_concurrently()
    {
        var (host, token, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        var body = """{"event_id":"dup-1","code":"FA","zone":"2"}""";

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(client, token, body)));
        var again = await PostAsync(client, token, body);

        Assert.All(answers.Append(again), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var statuses = await Task.WhenAll(answers.Append(again).Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString()));
        Assert.Equal(1, statuses.Count(s => s == "accepted"));
        Assert.Equal(5, statuses.Count(s => s == "duplicate"));
        var signal = Assert.Single(await SignalsAsync(host));
        Assert.Equal((AlarmCategory.Fire, 1, "Alarme incendie"), (signal.Category, signal.Priority, signal.French));
    }

    [Fact]
    public async Task A_wrong_token_and_an_unknown_source_get_the_same_401_and_store_nothing_and_the_log_says_which_without_the_token()
    {
        using var log = new CapturedLog();
        var (host, token, client) = await StartAsync(log: log);
        await using var _ = host;
        using var __ = client;
        var body = """{"event_id":"x","category":"fire"}""";

        var wrong = await PostAsync(client, token + "x", body);
        var unknown = await PostAsync(client, token, body, source: "no-such-source");
        var none = await PostAsync(client, null, body);
        using var signedIn = await host.ClientAsync(await CreateAdminAsync(host));
        var cookieOnly = await PostAsync(signedIn, null, body);

        foreach (var response in new[] { wrong, unknown, none, cookieOnly })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        // Same answer whatever went wrong (only the per-request trace id differs), so that source names cannot be probed.
        Assert.Equal(await ProblemWithoutTraceAsync(wrong), await ProblemWithoutTraceAsync(unknown));
        Assert.Empty(await SignalsAsync(host));
        var refusals = log.Lines.Where(l => l.Contains("Webhook call for source", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, l => l.Contains("nvr-quai", StringComparison.Ordinal) && l.Contains("wrong token", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("no-such-source", StringComparison.Ordinal) && l.Contains("unknown source", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("no bearer token", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains(token[IntakeSourceRegistry.TokenPrefix.Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_source_is_refused_and_a_new_token_replaces_the_old_one()
    {
        var (host, token, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        var registry = host.Service<IntakeSourceRegistry>();
        var directory = host.Service<IntakeSourceDirectory>();

        await registry.EnableAsync("nvr-quai", false, "test", Ct);
        await directory.ReloadAsync(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, token, """{"event_id":"1","category":"test"}""")).StatusCode);

        await registry.EnableAsync("nvr-quai", true, "test", Ct);
        var renewed = await registry.ReplaceTokenAsync("nvr-quai", "test", Ct);
        await directory.ReloadAsync(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, token, """{"event_id":"2","category":"test"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, renewed.Token, """{"event_id":"3","category":"test"}""")).StatusCode);

        // Only the hash is stored; the audit journal records the changes, never the token.
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var source = await db.IntakeSources.SingleAsync(Ct);
        Assert.Equal(IntakeSourceRegistry.HashToken(renewed.Token), source.TokenHash);
        var audit = await db.LogbookEntries.Where(e => e.Journal == Journal.Audit && e.Category == AuditCategory.IntakeSourceChanged).Select(e => e.Text).ToListAsync(Ct);
        Assert.Equal(4, audit.Count);
        Assert.DoesNotContain(audit, t => t.Contains(token, StringComparison.Ordinal) || t.Contains(renewed.Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"event_id":"1","category":"fire",""", "$")]
    [InlineData("""{"event_id":"1"}""", "category")]
    [InlineData("""{"event_id":"1","category":"fire","priority":12}""", "priority")]
    [InlineData("""{"event_id":"1","category":"fire","colour":"red"}""", "colour")]
    [InlineData("""{"event_id":"1","category":"fire","site":"Siège"}""", "site")]
    public async Task A_malformed_or_invalid_message_gets_400_problem_json_naming_the_field_and_is_not_stored(string body, string field)
    {
        var (host, token, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;

        var response = await PostAsync(client, token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(field == "$" ? "JSON" : field, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await SignalsAsync(host));
        Assert.Equal(1, await IntakeMetricsReader.CountAsync(client, "webhook:nvr-quai", "rejected", Ct));
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_a_non_json_one_415()
    {
        var (host, token, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        var big = $$"""{"event_id":"1","category":"fire","raw":"{{new string('x', 70_000)}}"}""";

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, token, big)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(client, token, "event_id=1", contentType: "application/x-www-form-urlencoded")).StatusCode);
        Assert.Empty(await SignalsAsync(host));
    }

    [Fact]
    public async Task A_source_past_its_rate_gets_429_with_retry_after_while_another_source_still_gets_through()
    {
        var (host, token, client) = await StartAsync(new() { ["Alarms:Webhook:Burst"] = "3", ["Alarms:Webhook:PermitsPerSecond"] = "1" });
        await using var _ = host;
        using var __ = client;
        var other = await host.Service<IntakeSourceRegistry>().AddWebhookAsync("gtb", ["Entrepôt"], "test", Ct);
        await host.Service<IntakeSourceDirectory>().ReloadAsync(Ct);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await PostAsync(client, token, $$"""{"event_id":"flood-{{i}}","category":"test"}"""));
        }

        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), limited.Headers.RetryAfter?.ToString());
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 3, 4);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, other.Token, """{"event_id":"g-1","category":"technical_fault"}""", source: "gtb")).StatusCode);
    }

    [Fact]
    public async Task The_configured_priority_of_a_category_is_the_one_stored()
    {
        var (host, token, client) = await StartAsync(new() { ["Alarms:Priorities:intrusion"] = "1", ["Alarms:Priorities:test"] = "9" });
        await using var _ = host;
        using var __ = client;

        await PostAsync(client, token, """{"event_id":"p-1","category":"intrusion"}""");
        await PostAsync(client, token, """{"event_id":"p-2","code":"RP"}""");
        await PostAsync(client, token, """{"event_id":"p-3","category":"intrusion","priority":5}""");

        Assert.Equal([1, 9, 5], (await SignalsAsync(host)).Select(s => s.Priority));
    }

    [Fact]
    public async Task Administrators_declare_and_list_sources_over_the_api_and_the_token_is_shown_once()
    {
        var (host, _, client) = await StartAsync();
        await using var __ = host;
        using var ___ = client;
        using var admin = await host.ClientAsync(await CreateAdminAsync(host));
        using var operatorClient = await host.ClientAsync((await host.CreatePersonAsync("op", Domain.People.Role.Operator)).UserName);

        var created = await admin.PostAsJsonAsync("/api/intake/sources/webhook", new { name = "Portail", sites = new[] { "Entrepôt" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        Assert.StartsWith(IntakeSourceRegistry.TokenPrefix, token, StringComparison.Ordinal);

        var list = await admin.GetStringAsync("/api/intake/sources", Ct);
        Assert.Contains("\"portail\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.DoesNotContain(IntakeSourceRegistry.HashToken(token), list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, token, """{"event_id":"a","category":"test"}""", source: "portail")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/intake/sources", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/intake/sources/webhook", new { name = "portail", sites = new[] { "Entrepôt" } }, Ct)).StatusCode);
    }

    private static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(Ct);
        problem!.Remove("traceId");
        return string.Join('\n', problem.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }

    private static async Task<string> CreateAdminAsync(TestHost host) => (await host.CreatePersonAsync("admin" + Guid.NewGuid().ToString("N")[..6], Domain.People.Role.Administrator)).UserName;
}
