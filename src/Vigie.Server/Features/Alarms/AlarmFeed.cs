using Microsoft.AspNetCore.SignalR;
using Vigie.Server.Hubs;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// Pushes every new alarm and every change of one to open consoles: to Blazor pages through
/// <see cref="Changed"/> (each page keeps the alarms its person may see) and to hub clients through per-site
/// groups (<see cref="ConsoleHub.WatchAlarms"/>), so a client only receives alarms of sites it may see.
/// </summary>
public sealed partial class AlarmFeed(IHubContext<ConsoleHub> hub, ILogger<AlarmFeed> logger)
{
    public event Action<AlarmDto>? Changed;

    public void Publish(AlarmDto alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        try
        {
            Changed?.Invoke(alarm);
        }
#pragma warning disable CA1031 // A page's handler that throws must not keep the others (or the hub) from the change.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogListenerFailed(logger, alarm.Id, ex);
        }

        var group = alarm.SiteId is { } site ? ConsoleHub.AlarmSiteGroup(site) : ConsoleHub.AlarmGlobalGroup;
        _ = SendAsync(group, alarm);
    }

    private async Task SendAsync(string group, AlarmDto alarm)
    {
        try
        {
            await hub.Clients.Groups(group, ConsoleHub.AlarmAllSitesGroup).SendAsync(ConsoleHub.AlarmChangedMethod, alarm).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            LogPushFailed(logger, alarm.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push alarm #{AlarmId} to hub clients")]
    private static partial void LogPushFailed(ILogger logger, long alarmId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A console's handler failed on alarm #{AlarmId}")]
    private static partial void LogListenerFailed(ILogger logger, long alarmId, Exception exception);
}
