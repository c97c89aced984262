using System.Globalization;
using System.Text.RegularExpressions;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Server.Api;
using Vigie.Server.Features.Logbook;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Audit;

/// <summary>
/// The audit journal as auditors read it (docs/compliance.md): entries by kind (sign-ins, exports, masks, administration,
/// viewing) with filters and CSV, and the viewing sessions — who watched which camera, live or in playback, when and for
/// how long — paired from the start and stop entries by their shared <c>view:</c> token.
/// </summary>
public sealed partial class AuditViews(LogbookService logbook)
{
    /// <summary>Rows read for one view, newest first.</summary>
    public const int MaxRows = LogbookFilter.MaxLimit;

    /// <summary>The kinds an auditor filters by, and the audit categories of each.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Kinds = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["sign-in"] = [AuditCategory.SignIn, AuditCategory.SignInFailed, AuditCategory.Lockout, AuditCategory.SignOut, AuditCategory.SetupLinkCreated, AuditCategory.SetupCompleted],
        ["viewing"] = [AuditCategory.LiveViewStarted, AuditCategory.LiveViewStopped, AuditCategory.PlaybackStarted, AuditCategory.PlaybackStopped, AuditCategory.SnapshotTaken],
        ["export"] = [AuditCategory.ExportRequested, AuditCategory.ExportCompleted, AuditCategory.ExportFailed, AuditCategory.ExportDownloaded],
        ["mask"] = [AuditCategory.MasksChanged, AuditCategory.MaskLifted],
        ["access-request"] = [AuditCategory.AccessRequest],
        ["administration"] = [AuditCategory.SiteChanged, AuditCategory.CameraChanged, AuditCategory.PersonChanged, AuditCategory.TransmitterChanged, AuditCategory.IntakeSourceChanged,
            AuditCategory.ConsignesChanged, AuditCategory.ZoneCamerasChanged, AuditCategory.AnalyticsRulesChanged, AuditCategory.PatrolAgentChanged, AuditCategory.ChecklistChanged,
            AuditCategory.EquipmentChanged],
    };

    /// <summary>What an auditor filters by: a kind (<see cref="Kinds"/>) or one exact category, the instants, words of the author's name; pages by id.</summary>
    public sealed record AuditFilter(string? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Person = null, string? Category = null, int Limit = MaxRows, long? BeforeId = null);

    /// <summary>One viewing: live or playback, from its start to its stop (null while it goes on, or if the host stopped first).</summary>
    public sealed record ViewingSession(string Person, Guid? CameraId, string Camera, string Kind, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, double? Seconds, string Detail);

    public async Task<IReadOnlyList<LogbookEntryDto>> EntriesAsync(Actor actor, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IReadOnlyList<string>? categories = null;
        if (!string.IsNullOrEmpty(filter.Kind) && !Kinds.TryGetValue(filter.Kind, out var known))
        {
            throw new Domain.DomainException("audit.kind_unknown", $"Unknown kind: give one of {string.Join(", ", Kinds.Keys)}.", nameof(AuditFilter.Kind));
        }
        else if (!string.IsNullOrEmpty(filter.Kind))
        {
            categories = Kinds[filter.Kind];
        }

        return await logbook.ListAsync(actor, Journal.Audit,
            new LogbookFilter(From: filter.From, To: filter.To, Category: filter.Category, Author: filter.Person, Limit: filter.Limit, BeforeId: filter.BeforeId, Categories: categories),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ViewingSession>> ViewingAsync(Actor actor, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Stops come after their start: read them a day past the window so that a session started inside it is closed.
        var entries = await logbook.ListAsync(actor, Journal.Audit, new LogbookFilter(From: filter.From, To: filter.To?.AddDays(1), Author: filter.Person, Limit: MaxRows,
            Categories: [AuditCategory.LiveViewStarted, AuditCategory.LiveViewStopped, AuditCategory.PlaybackStarted, AuditCategory.PlaybackStopped]), cancellationToken).ConfigureAwait(false);
        var stops = entries.Where(e => e.Category is AuditCategory.LiveViewStopped or AuditCategory.PlaybackStopped && ViewToken(e.References) is not null)
            .GroupBy(e => ViewToken(e.References)!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. entries
            .Where(e => e.Category is AuditCategory.LiveViewStarted or AuditCategory.PlaybackStarted && (filter.To is null || e.RecordedAt < filter.To))
            .Select(start =>
            {
                var stop = ViewToken(start.References) is { } token && stops.TryGetValue(token, out var found) ? found : null;
                return new ViewingSession(start.AuthorName, CameraOf(start.References), CameraName(start.Text), start.Category == AuditCategory.LiveViewStarted ? "live" : "playback",
                    start.RecordedAt, stop?.RecordedAt, stop is null ? null : Math.Round((stop.RecordedAt - start.RecordedAt).TotalSeconds, 1), (stop ?? start).Text);
            })];
    }

    public static string EntriesCsv(IEnumerable<LogbookEntryDto> rows) =>
        CsvText.Table("sequence,recorded_at_utc,category,author,site_id,text,references",
            rows.Select(e => new[] { CsvText.Number(e.Sequence), CsvText.Instant(e.RecordedAt), e.Category, e.AuthorName, e.SiteId?.ToString("D"), e.Text, e.References }));

    public static string ViewingCsv(IEnumerable<ViewingSession> rows) =>
        CsvText.Table("person,camera,camera_id,kind,started_at_utc,ended_at_utc,seconds,detail",
            rows.Select(v => new[] { v.Person, v.Camera, v.CameraId?.ToString("D"), v.Kind, CsvText.Instant(v.StartedAt), CsvText.Instant(v.EndedAt), v.Seconds?.ToString(CultureInfo.InvariantCulture), v.Detail }));

    private static string? ViewToken(string references) => ViewPattern().Match(references) is { Success: true } m ? m.Groups[1].Value : null;

    private static Guid? CameraOf(string references) => CameraPattern().Match(references) is { Success: true } m && Guid.TryParse(m.Groups[1].Value, out var id) ? id : null;

    /// <summary>The camera's name as the entry wrote it (« name »): cameras may since be renamed.</summary>
    private static string CameraName(string text) => NamePattern().Match(text) is { Success: true } m ? m.Groups[1].Value : string.Empty;

    [GeneratedRegex(@"(?:^|\s)view:([0-9a-f]{32})(?:\s|$)")]
    private static partial Regex ViewPattern();

    [GeneratedRegex(@"(?:^|\s)camera:([0-9a-fA-F-]{36})(?:\s|$)")]
    private static partial Regex CameraPattern();

    [GeneratedRegex("« (.+?) »")]
    private static partial Regex NamePattern();
}
