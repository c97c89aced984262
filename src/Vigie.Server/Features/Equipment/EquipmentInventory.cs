using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Equipment;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The devices the supervision knows from the database, read again every <see cref="EquipmentOptions.InventoryRefresh"/>
/// or at once after a change made through Vigie (a camera saved, <see cref="Invalidate"/>): cameras, supervised transmitters,
/// declared devices, maintenance windows not over.
/// </summary>
public sealed class EquipmentInventory(VigieDbFactory dbFactory, Recording.CameraChanges cameraChanges)
{
    public sealed record CameraEntry(CameraId Id, SiteId SiteId, string Name, CameraProfile Profile, int RetentionDays);

    public sealed record TransmitterEntry(string Account, SiteId SiteId, TimeSpan? SupervisionInterval, bool Fault, DateTimeOffset? LastSeenAt);

    public sealed record Snapshot(
        IReadOnlyList<CameraEntry> Cameras,
        IReadOnlyList<TransmitterEntry> Transmitters,
        IReadOnlyList<ManualEquipment> Manual,
        IReadOnlyList<MaintenanceWindow> Maintenance,
        IReadOnlyDictionary<SiteId, string> SiteNames,
        DateTimeOffset ReadAt);

    private volatile bool _stale = true;
    private long _camerasSeen = -1;

    /// <summary>The last snapshot read (empty before the first).</summary>
    public Snapshot Current { get; private set; } = new([], [], [], [], new Dictionary<SiteId, string>(), DateTimeOffset.MinValue);

    /// <summary>Makes the next <see cref="RefreshAsync"/> read the database whatever its age.</summary>
    public void Invalidate() => _stale = true;

    /// <summary>Reads the database again when the snapshot is older than <paramref name="maxAge"/> or was invalidated.</summary>
    public async Task<Snapshot> RefreshAsync(DateTimeOffset now, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var cameras = cameraChanges.Version;
        if (!_stale && cameras == _camerasSeen && now - Current.ReadAt < maxAge)
        {
            return Current;
        }

        _stale = false;
        _camerasSeen = cameras;
        await using var db = dbFactory.CreateDbContext();
        var cameraRows = await db.Cameras.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CameraEntry(c.Id, c.SiteId, c.Name, c.Profile, c.RetentionDays)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var transmitters = await db.TransmitterAccounts.AsNoTracking().Where(a => !a.Disabled).OrderBy(a => a.Account)
            .Select(a => new TransmitterEntry(a.Account, a.SiteId, a.SupervisionInterval, a.TransmissionFault, a.LastSeenAt)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var manual = await db.ManualDevices.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var maintenance = await db.MaintenanceWindows.AsNoTracking().Where(w => w.Until > now).ToListAsync(cancellationToken).ConfigureAwait(false);
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        Current = new Snapshot(cameraRows, transmitters, manual, maintenance, sites, now);
        return Current;
    }
}
