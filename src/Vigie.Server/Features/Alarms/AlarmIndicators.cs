using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Server.Api;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Alarms;

/// <summary>One alarm's times, in seconds from its opening (null when it did not happen).</summary>
public sealed record AlarmTimes(long Id, string SiteName, string Category, int Priority, DateTimeOffset OpenedAt, string? FirstTakenBy,
    double? PickUpSeconds, double? DispatchSeconds, double? CloseSeconds, string? Verdict, string? Cause);

/// <summary>A group's figures: how many alarms, the share picked up within 30 s and 60 s, the median times.</summary>
public sealed record IndicatorRow(string Key, int Alarms, int PickedUp, double Within30s, double Within60s, double? MedianPickUpSeconds, double? MedianCloseSeconds);

public sealed record IndicatorReport(DateTimeOffset From, DateTimeOffset To, IndicatorRow Total, IReadOnlyList<IndicatorRow> BySite, IReadOnlyList<IndicatorRow> ByOperator,
    IReadOnlyList<IndicatorRow> ByPriority, IReadOnlyList<AlarmTimes> Alarms);

/// <summary>
/// Indicators of alarm handling over a period, from the alarms of the person's sites opened in it: per alarm the time
/// to pick-up, to dispatch and to close (the verdict is given at closure); per site, per operator (who picked it up
/// first) and per priority the share picked up within 30 s and 60 s. CSV for the client's reports.
/// </summary>
public sealed class AlarmIndicators(VigieDbFactory dbFactory)
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public async Task<IndicatorReport> ReportAsync(Actor actor, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        if (to <= from || to - from > MaxPeriod)
        {
            throw new DomainException("indicators.period_invalid", "The period must end after it starts and last at most a year.", "to");
        }

        await using var db = dbFactory.CreateDbContext();
        var alarms = await db.Alarms.AsNoTracking().VisibleTo(actor)
            .Where(a => a.OpenedAt >= from && a.OpenedAt < to)
            .OrderBy(a => a.OpenedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = alarms.Select(a => a.Id).ToList();
        var dispatched = await db.PatrolDispatches.AsNoTracking()
            .Where(d => ids.Contains(d.AlarmId))
            .GroupBy(d => d.AlarmId).Select(g => new { g.Key, First = g.Min(d => d.SentAt) })
            .ToDictionaryAsync(x => x.Key, x => x.First, cancellationToken).ConfigureAwait(false);
        var names = await db.Sites.AsNoTracking().VisibleTo(actor).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        var times = alarms.Select(a => new AlarmTimes(
            a.Id,
            a.SiteId is { } site ? names.GetValueOrDefault(site, "?") : "—",
            AlarmCategoryNames.NameOf(a.Category),
            a.Priority,
            a.OpenedAt,
            a.FirstTakenByName,
            Seconds(a.OpenedAt, a.FirstTakenAt),
            Seconds(a.OpenedAt, dispatched.TryGetValue(a.Id, out var sent) ? sent : null),
            Seconds(a.OpenedAt, a.ClosedAt),
            a.Verdict is { } v ? AlarmDto.VerdictName(v) : null,
            a.Cause is { } c ? AlarmDto.CauseName(c) : null)).ToList();
        return new IndicatorReport(from, to, Row("total", times),
            Group(times, t => t.SiteName), Group(times.Where(t => t.FirstTakenBy is not null), t => t.FirstTakenBy!), Group(times, t => $"P{t.Priority}"), times);
    }

    /// <summary>The alarms of the report, one line each, for a spreadsheet (comma separated, UTF-8, times in seconds).</summary>
    public static string Csv(IndicatorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("alarm,site,category,priority,opened_at,first_taken_by,pick_up_s,dispatch_s,close_s,verdict,cause\n");
        foreach (var t in report.Alarms)
        {
            csv.AppendJoin(',', t.Id.ToString(CultureInfo.InvariantCulture), CsvText.Field(t.SiteName), t.Category, t.Priority.ToString(CultureInfo.InvariantCulture),
                t.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), CsvText.Field(t.FirstTakenBy),
                Number(t.PickUpSeconds), Number(t.DispatchSeconds), Number(t.CloseSeconds), t.Verdict ?? string.Empty, t.Cause ?? string.Empty).Append('\n');
        }

        return csv.ToString();
    }

    private static IReadOnlyList<IndicatorRow> Group(IEnumerable<AlarmTimes> times, Func<AlarmTimes, string> key) =>
        times.GroupBy(key).OrderBy(g => g.Key, StringComparer.CurrentCulture).Select(g => Row(g.Key, g.ToList())).ToList();

    private static IndicatorRow Row(string key, IReadOnlyList<AlarmTimes> times)
    {
        var pickUps = times.Where(t => t.PickUpSeconds is not null).Select(t => t.PickUpSeconds!.Value).Order().ToList();
        var closes = times.Where(t => t.CloseSeconds is not null).Select(t => t.CloseSeconds!.Value).Order().ToList();
        double Share(double seconds) => times.Count == 0 ? 0 : Math.Round(100.0 * pickUps.Count(p => p <= seconds) / times.Count, 1);
        return new IndicatorRow(key, times.Count, pickUps.Count, Share(30), Share(60), Median(pickUps), Median(closes));
    }

    private static double? Median(List<double> sorted) => sorted.Count == 0 ? null : sorted.Count % 2 == 1
        ? sorted[sorted.Count / 2]
        : Math.Round((sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 1);

    private static double? Seconds(DateTimeOffset from, DateTimeOffset? to) => to is { } end ? Math.Round((end - from).TotalSeconds, 1) : null;

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
