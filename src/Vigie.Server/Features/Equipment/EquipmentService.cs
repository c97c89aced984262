using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Cameras;
using Vigie.Domain.Equipment;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The equipment as people see it: the list of devices in their sites (the centre's own — storage, host, devices
/// declared without a site — are everyone's), one device's 30-day history, availability and 24-hour curves, and a
/// camera's supervision profile.
/// </summary>
public sealed class EquipmentService(EquipmentSupervisor supervisor, EquipmentInventory inventory, EquipmentSeries series, VigieDbFactory dbFactory, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(30);

    public const int MaxHistoryRows = 1000;

    public sealed record HistoryEntry(DateTimeOffset At, string State, string Detail);

    public sealed record AvailabilityView(DateTimeOffset From, DateTimeOffset To, double? Percent, double SupervisedSeconds, double FaultSeconds, double DegradedSeconds,
        double MaintenanceSeconds, int Outages, double? MeanTimeToRepairSeconds)
    {
        /// <summary>Durations in seconds to the millisecond (the console shows them to the second).</summary>
        public static AvailabilityView Of(Availability a) => new(a.From, a.To, a.Percent, S(a.Supervised), S(a.Fault), S(a.Degraded), S(a.Maintenance), a.Outages,
            a.MeanTimeToRepair is { } m ? S(m) : null);

        private static double S(TimeSpan span) => Math.Round(span.TotalSeconds, 3);
    }

    public sealed record SeriesView(string First, string Second, IReadOnlyList<EquipmentSeries.Point> Points);

    public sealed record DeviceDetail(
        DeviceView Device,
        IReadOnlyList<HistoryEntry> History,
        AvailabilityView Day,
        AvailabilityView Week,
        AvailabilityView Month,
        SeriesView? Series,
        IReadOnlyList<MaintenanceService.MaintenanceView> Maintenance,
        IReadOnlyList<FaultTicketService.TicketSummary> Tickets,
        CameraProfile? Profile);

    public sealed record ProfileInput(double? ExpectedFps, int? ExpectedBitrateKbps, double? MaxKeyframeInterval, RebootMethod Reboot = RebootMethod.None, string? RebootUrl = null);

    /// <summary>The devices <paramref name="actor"/> may see, filtered; a site asked for that is not theirs is refused (403).</summary>
    public IReadOnlyList<DeviceView> List(Actor actor, SiteId? site = null, EquipmentState? state = null, EquipmentKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (site is { } asked)
        {
            actor.DemandSite(asked);
        }

        return [.. supervisor.Devices.Where(d => Visible(actor, d)
            && (site is null || d.SiteId == site.Value.Value)
            && (state is null || d.State == EquipmentNames.Of(state.Value))
            && (kind is null || d.Kind == EquipmentNames.Of(kind.Value)))];
    }

    /// <summary>One device the actor may see: 404 when unknown, 403 when of another site.</summary>
    public DeviceView Device(Actor actor, string id)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var device = supervisor.Devices.FirstOrDefault(d => d.Id == id) ?? throw new NotFoundException("No such device.");
        if (device.SiteId is { } site)
        {
            actor.DemandSite(new SiteId(site));
        }

        return device;
    }

    public async Task<DeviceDetail> DetailAsync(Actor actor, string id, FaultTicketService tickets, MaintenanceService maintenance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(maintenance);
        var device = Device(actor, id);
        var now = time.GetUtcNow();
        await using var db = dbFactory.CreateDbContext();
        var from = now - HistoryWindow;
        var changes = await db.EquipmentStateChanges.AsNoTracking().Where(c => c.Device == id && c.At >= from)
            .OrderByDescending(c => c.Id).Take(MaxHistoryRows).ToListAsync(cancellationToken).ConfigureAwait(false);
        var before = await db.EquipmentStateChanges.AsNoTracking().Where(c => c.Device == id && c.At < from)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var points = changes.Select(c => (c.At, c.State)).ToList();
        if (before is not null)
        {
            points.Add((before.At, before.State));
        }

        AvailabilityView Over(TimeSpan span) => AvailabilityView.Of(Availability.Of(points, now - span, now));
        var curve = series.Of(id);
        var labels = device.Kind switch
        {
            "camera" => ("fps", "kbit/s"),
            "host" => ("cpu %", "mem %"),
            "storage" => ("Mo libres", "kbit/s"),
            _ => ((string, string)?)null,
        };
        CameraProfile? profile = null;
        if (DeviceKeys.CameraOf(id) is { } camera && device.Kind == "camera")
        {
            profile = inventory.Current.Cameras.FirstOrDefault(c => c.Id == camera)?.Profile;
        }

        return new DeviceDetail(device, [.. changes.Select(c => new HistoryEntry(c.At, EquipmentNames.Of(c.State), c.Detail))],
            Over(TimeSpan.FromDays(1)), Over(TimeSpan.FromDays(7)), Over(HistoryWindow),
            labels is { } l ? new SeriesView(l.Item1, l.Item2, curve) : null,
            await maintenance.ListAsync(actor, id, cancellationToken).ConfigureAwait(false),
            await tickets.ListAsync(actor, new FaultTicketService.TicketFilter(Device: id), cancellationToken).ConfigureAwait(false),
            profile);
    }

    /// <summary>Sets what a camera should send and how it reboots (administrators); audited.</summary>
    public async Task<CameraProfile> SetProfileAsync(Actor actor, CameraId id, ProfileInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.SitesAdminister);
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such camera.");
        camera.SetProfile(new CameraProfile(input.ExpectedFps, input.ExpectedBitrateKbps, input.MaxKeyframeInterval, input.Reboot, input.RebootUrl));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        inventory.Invalidate();
        var p = camera.Profile;
        await audit.WriteAsync(AuditCategory.EquipmentChanged,
            $"Profil de supervision de la caméra « {camera.Name} » : {p.ExpectedFps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"} images/s, {p.ExpectedBitrateKbps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"} kbit/s, image clé ≤ {p.MaxKeyframeInterval?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"} s, redémarrage {p.Reboot}",
            actor, camera.SiteId, $"camera:{camera.Id.Value}", cancellationToken).ConfigureAwait(false);
        return p;
    }

    internal static bool Visible(Actor actor, DeviceView device) => device.SiteId is not { } site || actor.CanSeeSite(new SiteId(site));
}
