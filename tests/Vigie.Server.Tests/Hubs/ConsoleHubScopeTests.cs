using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hubs;
using Vigie.Testing;

namespace Vigie.Server.Tests.Hubs;

public sealed class ConsoleHubScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operator_cannot_watch_or_read_another_site_through_the_hub()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreateCameraAsync(other, "hall");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await using var hub = await ConnectAsync(host, "op");

        var watch = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchSite", other.Id, Ct));
        Assert.Contains("forbidden", watch.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<CameraDto>>("Cameras", (Guid?)other.Id, Ct));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<LogbookEntryDto>>("RecentLogbook", (Guid?)other.Id, 10, Ct));
        var allowed = await hub.InvokeAsync<List<CameraDto>>("Cameras", (Guid?)null, Ct);
        Assert.Empty(allowed);
    }

    [Fact]
    public async Task Hub_pushes_new_entries_only_of_the_sites_the_person_may_read()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("writer", Role.Supervisor, [mine, other]);
        await using var hub = await ConnectAsync(host, "op");
        var received = new List<LogbookEntryDto>();
        var ownArrived = new TaskCompletionSource<LogbookEntryDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<LogbookEntryDto>(ConsoleHub.LogbookEntryAddedMethod, entry =>
        {
            lock (received)
            {
                received.Add(entry);
            }

            if (entry.SiteId == mine.Id)
            {
                ownArrived.TrySetResult(entry);
            }
        });
        await hub.InvokeAsync("WatchLogbook", Ct);

        using var writer = await host.ClientAsync("writer");
        var foreign = await (await writer.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(other.Id, "incident", "Mairie: alarme"), Ct)).Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);
        var own = await (await writer.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(mine.Id, "incident", "Gare: alarme"), Ct)).Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);

        var arrived = await ownArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(own!.Id, arrived.Id);
        lock (received)
        {
            Assert.DoesNotContain(received, e => e.Id == foreign!.Id);
        }
    }

    [Fact]
    public async Task Hub_refuses_connections_without_a_session()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        var negotiate = await client.PostAsync(ConsoleHub.Path + "/negotiate?negotiateVersion=1", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    private static async Task<HubConnection> ConnectAsync(TestHost host, string userName)
    {
        var cookies = await host.SessionCookieAsync(userName);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, ConsoleHub.Path), options => options.Headers["Cookie"] = cookies)
            .Build();
        await connection.StartAsync(Ct);
        return connection;
    }
}
