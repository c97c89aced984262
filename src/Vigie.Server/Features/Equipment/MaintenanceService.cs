using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Equipment;
using Vigie.Domain.Logbook;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// Planned interventions: a device "en maintenance" from a start to an end (at most 7 days, with a reason) has its
/// technical alarms muted; planning, ending early and (by the supervision) the start and the end are main courante
/// entries.
/// </summary>
public sealed class MaintenanceService(EquipmentService equipment, EquipmentInventory inventory, VigieDbFactory dbFactory, LogbookWriter logbook, TimeProvider time)
{
    public sealed record MaintenanceInput(DateTimeOffset? From, DateTimeOffset? Until, int? Minutes, string? Reason);

    public sealed record MaintenanceView(long Id, string Device, string DeviceName, Guid? SiteId, DateTimeOffset From, DateTimeOffset Until, string Reason, string PlannedBy,
        DateTimeOffset PlannedAt, string? EndedBy, bool Active)
    {
        public static MaintenanceView Of(MaintenanceWindow w, DateTimeOffset now) =>
            new(w.Id, w.Device, w.DeviceName, w.SiteId?.Value, w.From, w.Until, w.Reason, w.PlannedBy, w.PlannedAt, w.EndedBy, w.IsActive(now));
    }

    /// <summary>Plans a maintenance of a device the actor may see: from now (or <c>from</c>) for <c>minutes</c> or until <c>until</c>.</summary>
    public async Task<MaintenanceView> PlanAsync(Actor actor, string device, MaintenanceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.EquipmentMaintain);
        var target = equipment.Device(actor, device);
        var now = time.GetUtcNow();
        var from = input.From is { } f && f > now ? f : now;
        var until = input.Until ?? (input.Minutes is { } minutes and > 0 ? from.AddMinutes(minutes)
            : throw new DomainException("maintenance.until_required", "Say when the maintenance ends (until) or how long it lasts (minutes).", nameof(input.Until)));
        var window = new MaintenanceWindow(target.Id, target.Name, target.SiteId is { } s ? new SiteId(s) : null, from, until, input.Reason ?? string.Empty, actor.DisplayName, now);
        await using var db = dbFactory.CreateDbContext();
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        inventory.Invalidate();
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical,
            $"Maintenance planifiée de « {target.Name} » du {Paris(from)} au {Paris(until)} : {window.Reason}. Ses alarmes techniques seront suspendues pendant ce temps.",
            window.SiteId, actor.Id, actor.DisplayName, $"equipment:{target.Id}"), cancellationToken).ConfigureAwait(false);
        return MaintenanceView.Of(window, now);
    }

    /// <summary>Ends a maintenance now (or cancels one not started).</summary>
    public async Task<MaintenanceView> EndAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EquipmentMaintain);
        await using var db = dbFactory.CreateDbContext();
        var window = await db.MaintenanceWindows.FirstOrDefaultAsync(w => w.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such maintenance.");
        if (window.SiteId is { } site)
        {
            actor.DemandSite(site);
        }

        var now = time.GetUtcNow();
        var started = window.From <= now;
        window.End(actor.DisplayName, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        inventory.Invalidate();
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical,
            started ? $"Maintenance de « {window.DeviceName} » terminée avant l'heure prévue." : $"Maintenance prévue de « {window.DeviceName} » annulée.",
            window.SiteId, actor.Id, actor.DisplayName, $"equipment:{window.Device}"), cancellationToken).ConfigureAwait(false);
        return MaintenanceView.Of(window, now);
    }

    /// <summary>The maintenance windows not over (all devices, or one), and the last ten over, that the actor may see.</summary>
    public async Task<IReadOnlyList<MaintenanceView>> ListAsync(Actor actor, string? device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var db = dbFactory.CreateDbContext();
        var query = db.MaintenanceWindows.AsNoTracking().VisibleTo(actor);
        if (device is not null)
        {
            query = query.Where(w => w.Device == device);
        }

        var current = await query.Where(w => w.Until > now).OrderBy(w => w.From).Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
        var past = await query.Where(w => w.Until <= now).OrderByDescending(w => w.Until).Take(10).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. current.Concat(past).Select(w => MaintenanceView.Of(w, now))];
    }

    internal static string Paris(DateTimeOffset at) => Security.ParisClock.ToParis(at).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
