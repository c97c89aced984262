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

    [Fact]
    public async Task Hub_pushes_alarm_changes_only_of_the_sites_the_person_may_see_and_auditors_read_them_all()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("audrey", Role.Auditor);
        await using var operatorHub = await ConnectAsync(host, "op");
        await using var auditorHub = await ConnectAsync(host, "audrey");
        var seenByOperator = new List<Vigie.Server.Features.Alarms.AlarmDto>();
        var seenByAuditor = new List<Vigie.Server.Features.Alarms.AlarmDto>();
        var auditorSawBoth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        operatorHub.On<Vigie.Server.Features.Alarms.AlarmDto>(ConsoleHub.AlarmChangedMethod, alarm => { lock (seenByOperator) { seenByOperator.Add(alarm); } });
        auditorHub.On<Vigie.Server.Features.Alarms.AlarmDto>(ConsoleHub.AlarmChangedMethod, alarm =>
        {
            lock (seenByAuditor)
            {
                seenByAuditor.Add(alarm);
                if (seenByAuditor.Select(a => a.SiteId).Distinct().Count() == 2)
                {
                    auditorSawBoth.TrySetResult();
                }
            }
        });
        await operatorHub.InvokeAsync("WatchAlarms", Ct);
        await auditorHub.InvokeAsync("WatchAlarms", Ct);

        var theirs = await Alarms.AlarmHandlingTests.OpenAsync(host, other, "001");
        var ours = await Alarms.AlarmHandlingTests.OpenAsync(host, mine, "001");
        await auditorSawBoth.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        // The operator's own alarm was pushed after the other site's: had the other been sent, it would be here by now.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (!seenByOperator.Exists(a => a.Id == ours) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50, Ct);
        }

        lock (seenByOperator)
        {
            Assert.Contains(seenByOperator, a => a.Id == ours && a.State == "new");
            Assert.DoesNotContain(seenByOperator, a => a.Id == theirs);
        }
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
