using Vigie.Domain.Alarms;

namespace Vigie.Server.Alarms;

/// <summary>A stored signal as the console and the API show it.</summary>
public sealed record SignalView(
    long Id,
    DateTimeOffset ReceivedAt,
    string Source,
    Guid? SiteId,
    string? SiteName,
    string? Account,
    string Code,
    string Category,
    bool IsRestore,
    int Priority,
    string French,
    string English,
    string? Zone,
    string? User,
    string? Area,
    DateTimeOffset? SentAt,
    string? VerificationUrl,
    string? ExtendedData,
    bool UnknownAccount,
    string Raw)
{
    public static SignalView Of(AlarmSignal s, string? siteName) => new(
        s.Id, s.ReceivedAt, s.Source, s.SiteId?.Value, siteName, s.Account, s.Code, s.Category.ToString(), s.IsRestore, s.Priority, s.French, s.English,
        s.Zone, s.User, s.Area, s.SentAt, s.VerificationUrl, s.ExtendedData, s.UnknownAccount, s.Raw);
}
