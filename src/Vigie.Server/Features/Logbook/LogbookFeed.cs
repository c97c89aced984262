using Microsoft.AspNetCore.SignalR;
using Vigie.Domain.Logbook;
using Vigie.Server.Hubs;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Logbook;

/// <summary>
/// Pushes every committed main-courante entry to open consoles: to Blazor pages through
/// <see cref="EntryAppended"/> (each page filters by its person's scope) and to hub clients through
/// per-site groups, so a client only receives entries of sites it was allowed to watch.
/// </summary>
public sealed partial class LogbookFeed(IHubContext<ConsoleHub> hub, ILogger<LogbookFeed> logger) : ILogbookListener
{
    public event Action<LogbookEntryDto>? EntryAppended;

    public void OnAppended(LogbookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Journal != Journal.MainCourante)
        {
            return;
        }

        var dto = LogbookEntryDto.From(entry);
        EntryAppended?.Invoke(dto);
        var group = dto.SiteId is { } site ? ConsoleHub.SiteGroup(site) : ConsoleHub.GlobalGroup;
        _ = SendAsync(group, dto);
    }

    private async Task SendAsync(string group, LogbookEntryDto dto)
    {
        try
        {
            await hub.Clients.Groups(group, ConsoleHub.AllSitesGroup).SendAsync(ConsoleHub.LogbookEntryAddedMethod, dto).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            LogPushFailed(logger, dto.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push log book entry #{EntryId} to hub clients")]
    private static partial void LogPushFailed(ILogger logger, long entryId, Exception exception);
}
