using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Equipment;
using Vigie.Server.Api;
using Vigie.Server.Features.Evidence;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The monthly availability report: per site and device (cameras first), availability to the thousandth of a
/// percent, time in fault, outages and mean time to repair, from the state history; the fault tickets of the month
/// (opened, closed, still open, mean time to close). As JSON, CSV and a PDF with a bar chart per site.
/// </summary>
public sealed class EquipmentReport(VigieDbFactory dbFactory, TimeProvider time)
{
    public sealed record DeviceRow(string Id, string Kind, string Name, Guid? SiteId, string Site, double? Percent, double FaultSeconds, int Outages, double? MeanTimeToRepairSeconds);

    public sealed record SiteRow(Guid? SiteId, string Site, double? CameraAvailability, int Cameras, int Outages);

    public sealed record TicketFigures(int Opened, int Closed, int OpenNow, double? MeanTimeToCloseSeconds, IReadOnlyList<FaultTicketService.TicketSummary> Open);

    public sealed record Report(string Month, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SiteRow> Sites, IReadOnlyList<DeviceRow> Devices, TicketFigures Tickets, DateTimeOffset PrintedAt);

    /// <summary>The report of <paramref name="month"/> (<c>yyyy-MM</c>, Paris time; the current month up to now) over the devices the actor may see.</summary>
    public async Task<Report> MonthlyAsync(Actor actor, string? month, Guid? siteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        if (siteId is { } asked)
        {
            actor.DemandSite(new SiteId(asked));
        }

        var (name, from, end) = Period(month, now);
        var to = end < now ? end : now;
        await using var db = dbFactory.CreateDbContext();
        var scoped = db.EquipmentStateChanges.AsNoTracking().VisibleTo(actor);
        if (siteId is { } site)
        {
            var id = new SiteId(site);
            scoped = scoped.Where(c => c.SiteId == id);
        }

        var lastBefore = await scoped.Where(c => c.At < from).GroupBy(c => c.Device).Select(g => g.Max(c => c.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = await scoped.Where(c => c.At >= from && c.At < to).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in lastBefore.Chunk(500))
        {
            rows.AddRange(await scoped.Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        var siteNames = await db.Sites.AsNoTracking().VisibleTo(actor).ToDictionaryAsync(s => s.Id.Value, s => s.Name, cancellationToken).ConfigureAwait(false);
        var devices = rows.GroupBy(r => r.Device).Select(g =>
        {
            var latest = g.MaxBy(r => r.Id)!;
            var a = Availability.Of(g.Select(r => (r.At, r.State)), from, to);
            var siteName = latest.SiteId is { } s ? siteNames.GetValueOrDefault(s.Value, "?") : "Centre";
            return new DeviceRow(g.Key, EquipmentNames.Of(latest.Kind), latest.Name, latest.SiteId?.Value, siteName, a.Percent, Math.Round(a.Fault.TotalSeconds, 3), a.Outages,
                a.MeanTimeToRepair is { } m ? Math.Round(m.TotalSeconds, 3) : null);
        }).OrderBy(d => d.SiteId is null).ThenBy(d => d.Site, StringComparer.CurrentCulture).ThenBy(d => d.Kind != "camera").ThenBy(d => d.Name, StringComparer.CurrentCulture).ToList();
        var sites = devices.GroupBy(d => (d.SiteId, d.Site)).Select(g =>
        {
            var cameras = g.Where(d => d.Kind == "camera" && d.Percent is not null).ToList();
            return new SiteRow(g.Key.SiteId, g.Key.Site, cameras.Count == 0 ? null : Math.Round(cameras.Average(c => c.Percent!.Value), 3), cameras.Count, g.Sum(d => d.Outages));
        }).ToList();

        var tickets = await db.FaultTickets.AsNoTracking().VisibleTo(actor).Where(t => (t.OpenedAt >= from && t.OpenedAt < to) || t.ClosedAt == null || (t.ClosedAt >= from && t.ClosedAt < to))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (siteId is { } only)
        {
            tickets = [.. tickets.Where(t => t.SiteId == new SiteId(only))];
        }

        var closed = tickets.Where(t => t.ClosedAt is { } c && c >= from && c < to).ToList();
        var figures = new TicketFigures(
            tickets.Count(t => t.OpenedAt >= from && t.OpenedAt < to),
            closed.Count,
            tickets.Count(t => t.ClosedAt is null),
            closed.Count == 0 ? null : Math.Round(closed.Average(t => (t.ClosedAt!.Value - t.OpenedAt).TotalSeconds), 3),
            [.. tickets.Where(t => t.ClosedAt is null).OrderBy(t => t.OpenedAt).Select(t => new FaultTicketService.TicketSummary(t.Id, t.Device, t.DeviceName, EquipmentNames.Of(t.Kind),
                t.SiteId?.Value, t.FaultCode, t.Title, t.AlarmId, t.OpenedAt, t.OpenedBy, t.Assignee, t.AssigneeExternal, t.DueAt, t.Overdue(now), t.ClosedAt, t.ClosedBy, t.Fix))]);
        return new Report(name, from, to, sites, devices, figures, now);
    }

    public static string Csv(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CsvText.Table("month,site,kind,device,id,availability_percent,fault_seconds,outages,mttr_seconds",
            report.Devices.Select(d => new[]
            {
                report.Month, d.Site, d.Kind, d.Name, d.Id, d.Percent?.ToString("0.000", CultureInfo.InvariantCulture), d.FaultSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                CsvText.Number(d.Outages), d.MeanTimeToRepairSeconds?.ToString("0.###", CultureInfo.InvariantCulture),
            }));
    }

    public static byte[] Pdf(Report report, string printedBy)
    {
        ArgumentNullException.ThrowIfNull(report);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Disponibilité des équipements — {report.Month} — Vigie";
        var writer = new PdfPageWriter(document);
        writer.Title($"Disponibilité des équipements — {report.Month}");
        writer.Line($"Du {ExtractionReport.Paris(report.From)} au {ExtractionReport.Paris(report.To)} ; édité le {ExtractionReport.Paris(report.PrintedAt)} par {printedBy}.");
        writer.Small("Disponibilité = 1 − temps en défaut ÷ (temps supervisé − maintenance planifiée). Durée moyenne de réparation : du passage en défaut au retour.");
        writer.Heading("Sites : disponibilité moyenne des caméras");
        writer.Bars([.. report.Sites.Select(s => ($"{s.Site} ({s.Cameras} caméra(s), {s.Outages} coupure(s))", s.CameraAvailability))]);
        foreach (var site in report.Sites)
        {
            writer.Heading(site.Site);
            var devices = report.Devices.Where(d => d.SiteId == site.SiteId).ToList();
            writer.Bars([.. devices.Select(d => ($"{d.Name}", d.Percent))]);
            foreach (var d in devices.Where(d => d.Outages > 0))
            {
                writer.Small($"{d.Name} : {d.Outages} coupure(s), {Duration(d.FaultSeconds)} en défaut{(d.MeanTimeToRepairSeconds is { } m ? $", réparée en {Duration(m)} en moyenne" : string.Empty)}.");
            }
        }

        writer.Heading("Tickets de panne");
        var t = report.Tickets;
        writer.Line($"{t.Opened} ouvert(s) dans le mois, {t.Closed} clos, {t.OpenNow} encore ouvert(s){(t.MeanTimeToCloseSeconds is { } mttc ? $" ; durée moyenne de traitement {Duration(mttc)}" : string.Empty)}.");
        foreach (var ticket in t.Open)
        {
            writer.Small($"N° {ticket.Id} — {ticket.DeviceName} — {ticket.Title} — ouvert le {ExtractionReport.Paris(ticket.OpenedAt)}{(ticket.Assignee is { } a ? $", confié à {a}" : string.Empty)}{(ticket.Overdue ? ", EN RETARD" : string.Empty)}");
        }

        writer.Close();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>The month's bounds in Paris time; an unreadable month is refused (400).</summary>
    internal static (string Name, DateTimeOffset From, DateTimeOffset To) Period(string? month, DateTimeOffset now)
    {
        DateTime first;
        if (string.IsNullOrWhiteSpace(month))
        {
            var paris = Security.ParisClock.ToParis(now);
            first = new DateTime(paris.Year, paris.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        }
        else if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            throw new DomainException("report.month", "month is written yyyy-MM (2026-11).", nameof(month));
        }

        return (first.ToString("yyyy-MM", CultureInfo.InvariantCulture), Security.ParisClock.FromParis(first), Security.ParisClock.FromParis(first.AddMonths(1)));
    }

    private static string Duration(double seconds) => Components.Shared.DurationText.Exact(seconds);
}
