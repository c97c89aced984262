using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.People;
using Vigie.Server.Hubs;
using Vigie.Testing;

namespace Vigie.Server.Tests.Security;

/// <summary>A session ends server-side: a copy of its cookie is worth nothing after sign-out, and open hub connections close.</summary>
public sealed class SessionRevocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_sign_out_a_copy_of_the_cookie_is_refused()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        using var stolen = CookieClient(host, cookie);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/me", Ct)).StatusCode);

        using var owner = CookieClient(host, cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/session", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me", Ct)).StatusCode);
        var write = await stolen.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", "après déconnexion"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        var negotiate = await stolen.PostAsync(ConsoleHub.Path + "/negotiate?negotiateVersion=1", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task Sign_out_closes_the_sessions_open_hub_connection()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        await using var hub = await ConnectAsync(host, cookie);
        var closed = Closed(hub);

        using var owner = CookieClient(host, cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/session", Ct)).StatusCode);

        await closed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_person_disabled_or_moved_off_a_site_stops_receiving_its_entries_on_a_connection_opened_before(bool disable)
    {
        await using var host = await TestHost.StartAsync();
        var gare = await host.CreateSiteAsync("Gare");
        var mairie = await host.CreateSiteAsync("Mairie");
        var op = await host.CreatePersonAsync("op", Role.Operator, [gare]);
        await host.CreatePersonAsync("writer", Role.Supervisor, [gare, mairie]);
        var cookie = await host.SessionCookieAsync("op");
        await using var hub = await ConnectAsync(host, cookie);
        var received = new List<LogbookEntryDto>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<LogbookEntryDto>(ConsoleHub.LogbookEntryAddedMethod, entry =>
        {
            lock (received)
            {
                received.Add(entry);
            }

            first.TrySetResult();
        });
        await hub.InvokeAsync("WatchLogbook", Ct);
        using var writer = await host.ClientAsync("writer");
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(gare.Id, "incident", "avant"), Ct)).StatusCode);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var closed = Closed(hub);

        // The administrator disables the account, or moves it to the other site.
        await host.Service<PeopleService>().SaveAsync(TestHost.SystemAdministrator, new Domain.PersonId(op.Id),
            new PersonInput("op", "OP", Role.Operator, op.CardNumber, op.CardExpiry, disable ? [gare.Id] : [mairie.Id], IsActive: !disable), Ct);
        await closed.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var after = await (await writer.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(gare.Id, "incident", "après"), Ct)).Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);
        // What a push would take to arrive (the first one did within this time).
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        lock (received)
        {
            Assert.DoesNotContain(received, e => e.Id == after!.Id);
        }

        // Reconnecting with the same cookie is refused: the session ended with the change.
        var again = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, ConsoleHub.Path), o => o.Headers["Cookie"] = cookie).Build();
        await using (again)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync(Ct));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task The_sweep_closes_a_connection_whose_session_a_request_would_refuse()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site], cardExpiry: DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime).AddDays(1));
        var cookie = await host.SessionCookieAsync("op");
        await using var hub = await ConnectAsync(host, cookie);
        var closed = Closed(hub);

        // The card expires (and the shift ends) while the console stays open: nothing notifies, the periodic check finds it.
        host.Time.Advance(TimeSpan.FromDays(2));
        await host.Service<HubSessions>().SweepAsync(Ct);

        await closed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(0, host.Service<HubSessions>().Count);
    }

    [Theory]
    [InlineData(ConsoleHub.Path + "/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task The_hub_and_the_circuits_refuse_another_origin(string path)
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var client = CookieClient(host, await host.SessionCookieAsync("op"));

        using var foreign = new HttpRequestMessage(HttpMethod.Post, path);
        foreign.Headers.Add("Origin", "http://127.0.0.1:1");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign, Ct)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Post, path);
        own.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_hub_websocket_from_another_origin_is_refused()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", "http://evil.example");
        var uri = new UriBuilder(new Uri(host.BaseAddress, ConsoleHub.Path)) { Scheme = "ws" }.Uri;
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(uri, Ct));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    private static HttpClient CookieClient(TestHost host, string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<HubConnection> ConnectAsync(TestHost host, string cookie)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, ConsoleHub.Path), options => options.Headers["Cookie"] = cookie)
            .Build();
        await connection.StartAsync(Ct);
        return connection;
    }

    private static Task Closed(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
