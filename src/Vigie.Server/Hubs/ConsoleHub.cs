using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Server.Security;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Hubs;

/// <summary>
/// The console's real-time channel (/hubs/console). Every method carries its own policy and checks the
/// caller's sites against storage; a request for another site's data fails with "forbidden".
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ConsoleHub(ActorResolver actors, LogbookService logbook, SiteService sites, HubSessions sessions) : Hub
{
    public const string Path = "/hubs/console";
    public const string LogbookEntryAddedMethod = "LogbookEntryAdded";
    public const string GlobalGroup = "logbook:global";
    public const string AllSitesGroup = "logbook:all";

    public const string AlarmChangedMethod = "AlarmChanged";
    public const string AlarmGlobalGroup = "alarms:global";
    public const string AlarmAllSitesGroup = "alarms:all";

    public static string SiteGroup(Guid site) => $"logbook:site:{site:N}";

    public static string AlarmSiteGroup(Guid site) => $"alarms:site:{site:N}";

    /// <summary>Tracked so that it closes when its session ends or the person's rights change (<see cref="HubSessions"/>).</summary>
    public override Task OnConnectedAsync()
    {
        sessions.Opened(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Receive every new main-courante entry the caller may read.</summary>
    [Authorize(Policy = Policies.LogbookRead)]
    public async Task WatchLogbook()
    {
        var actor = await ActorAsync().ConfigureAwait(false);
        actor.Demand(Permission.LogbookRead);
        if (actor.SeesAllSites)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AllSitesGroup).ConfigureAwait(false);
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GlobalGroup).ConfigureAwait(false);
        foreach (var site in actor.AssignedSites)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SiteGroup(site.Value)).ConfigureAwait(false);
        }
    }

    /// <summary>Receive new entries of one site.</summary>
    [Authorize(Policy = Policies.LogbookRead)]
    public async Task WatchSite(Guid siteId)
    {
        var actor = await ActorAsync().ConfigureAwait(false);
        actor.Demand(Permission.LogbookRead);
        actor.DemandSite(new SiteId(siteId));
        await Groups.AddToGroupAsync(Context.ConnectionId, SiteGroup(siteId)).ConfigureAwait(false);
    }

    [Authorize(Policy = Policies.LogbookRead)]
    public async Task<IReadOnlyList<LogbookEntryDto>> RecentLogbook(Guid? siteId, int limit)
    {
        var actor = await ActorAsync().ConfigureAwait(false);
        return await logbook.ListAsync(actor, Journal.MainCourante, new LogbookFilter(SiteId: siteId, Limit: limit), Context.ConnectionAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Receive every new alarm and every change of one (<see cref="AlarmChangedMethod"/>) of the caller's sites,
    /// and those of unknown accounts, which have none.
    /// </summary>
    [Authorize(Policy = Policies.AlarmsRead)]
    public async Task WatchAlarms()
    {
        var actor = await ActorAsync().ConfigureAwait(false);
        actor.Demand(Permission.AlarmsRead);
        if (actor.SeesAllSites)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AlarmAllSitesGroup).ConfigureAwait(false);
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, AlarmGlobalGroup).ConfigureAwait(false);
        foreach (var site in actor.AssignedSites)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AlarmSiteGroup(site.Value)).ConfigureAwait(false);
        }
    }

    [Authorize(Policy = Policies.SitesRead)]
    public async Task<IReadOnlyList<CameraDto>> Cameras(Guid? siteId)
    {
        var actor = await ActorAsync().ConfigureAwait(false);
        return await sites.ListCamerasAsync(actor, siteId is { } s ? new SiteId(s) : null, Context.ConnectionAborted).ConfigureAwait(false);
    }

    private Task<Actor> ActorAsync() => actors.GetAsync(Context.User, Context.ConnectionAborted);
}
