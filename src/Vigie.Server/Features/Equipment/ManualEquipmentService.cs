using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Equipment;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The centre's own equipment declared by hand (UPS, air conditioning, fire panel): declared by supervisors and
/// administrators (audited), its state set by an operator (main courante) or reported by the device through its
/// webhook, authenticated by the device's token alone (shown once; a wrong one is 401 and logged).
/// </summary>
public sealed partial class ManualEquipmentService(VigieDbFactory dbFactory, EquipmentInventory inventory, EquipmentSupervisor supervisor, AuditLog audit, LogbookWriter logbook,
    TimeProvider time, ILogger<ManualEquipmentService> logger)
{
    public sealed record DeclareInput(string? Name, string? Category, Guid? SiteId, int? ReportIntervalSeconds);

    public sealed record StateInput(string? State, string? Detail);

    public sealed record Declared(string Id, long Number, string Name, string Token, string WebhookPath);

    public sealed record ManualDeviceView(string Id, long Number, string Name, string Category, Guid? SiteId, int? ReportIntervalSeconds, string State, string Detail, DateTimeOffset ReportedAt, string? ReportedBy);

    public async Task<Declared> DeclareAsync(Actor actor, DeclareInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.EquipmentManage);
        SiteId? site = input.SiteId is { } s ? new SiteId(s) : null;
        if (site is { } asked)
        {
            actor.DemandSite(asked);
        }

        await using var db = dbFactory.CreateDbContext();
        if (site is { } known && !await db.Sites.AnyAsync(x => x.Id == known, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("equipment.site_unknown", "No such site.", nameof(input.SiteId));
        }

        var device = new ManualEquipment(input.Name ?? string.Empty, input.Category ?? string.Empty, site,
            input.ReportIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, time.GetUtcNow(), out var token);
        db.ManualDevices.Add(device);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        inventory.Invalidate();
        await audit.WriteAsync(AuditCategory.EquipmentChanged, $"Équipement déclaré : « {device.Name} » ({device.Category}), n° {device.Id}", actor, site,
            $"equipment:{DeviceKeys.Other(device.Id)}", cancellationToken).ConfigureAwait(false);
        return new Declared(DeviceKeys.Other(device.Id), device.Id, device.Name, token, WebhookPath(device.Id));
    }

    public async Task<IReadOnlyList<ManualDeviceView>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = dbFactory.CreateDbContext();
        var devices = await db.ManualDevices.AsNoTracking().VisibleTo(actor).OrderBy(d => d.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. devices.Select(View)];
    }

    /// <summary>An operator sets the state of a declared device (after checking it on site, or told by phone).</summary>
    public async Task<ManualDeviceView> SetStateAsync(Actor actor, long id, StateInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.EquipmentMaintain);
        await using var db = dbFactory.CreateDbContext();
        var device = await FindAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (device.SiteId is { } site)
        {
            actor.DemandSite(site);
        }

        device.Report(ParseState(input.State), input.Detail, actor.DisplayName, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        inventory.Invalidate();
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical,
            $"État de « {device.Name} » mis à « {input.State} »{(device.Detail.Length > 0 ? $" : {device.Detail}" : string.Empty)}.", device.SiteId, actor.Id, actor.DisplayName,
            $"equipment:{DeviceKeys.Other(device.Id)}"), cancellationToken).ConfigureAwait(false);
        await supervisor.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return View(device);
    }

    /// <summary>The device reports its state through its webhook; false (401) when the token is not its own.</summary>
    public async Task<bool> ReportAsync(long id, string? token, StateInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = dbFactory.CreateDbContext();
        var device = await db.ManualDevices.FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        if (device is null || !device.TokenMatches(token))
        {
            LogRefused(logger, id);
            return false;
        }

        device.Report(ParseState(input.State), input.Detail, "webhook", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        inventory.Invalidate();
        return true;
    }

    public async Task<Declared> RenewTokenAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EquipmentManage);
        await using var db = dbFactory.CreateDbContext();
        var device = await FindAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (device.SiteId is { } site)
        {
            actor.DemandSite(site);
        }

        var token = device.RenewToken();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.EquipmentChanged, $"Nouveau jeton de webhook pour « {device.Name} » (n° {device.Id})", actor, device.SiteId,
            $"equipment:{DeviceKeys.Other(device.Id)}", cancellationToken).ConfigureAwait(false);
        return new Declared(DeviceKeys.Other(device.Id), device.Id, device.Name, token, WebhookPath(device.Id));
    }

    public static string WebhookPath(long id) => $"/api/equipment/other/{id}/status";

    internal static EquipmentState ParseState(string? state) =>
        EquipmentNames.TryParseState(state, out var parsed) && parsed != EquipmentState.Maintenance
            ? parsed
            : throw new DomainException("equipment.state", "The state must be ok, degraded or fault.", "state");

    private static async Task<ManualEquipment> FindAsync(Storage.Model.VigieDbContext db, long id, CancellationToken cancellationToken) =>
        await db.ManualDevices.FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such device.");

    private static ManualDeviceView View(ManualEquipment d) => new(DeviceKeys.Other(d.Id), d.Id, d.Name, d.Category, d.SiteId?.Value,
        d.ReportInterval is { } i ? (int)i.TotalSeconds : null, EquipmentNames.Of(d.State), d.Detail, d.ReportedAt, d.ReportedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Equipment webhook: status refused for declared device {Id} (unknown device or wrong token)")]
    private static partial void LogRefused(ILogger logger, long id);
}
