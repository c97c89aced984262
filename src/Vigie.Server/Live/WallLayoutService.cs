using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Cameras;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Live;

/// <summary>
/// The named wall layouts of the signed-in person. Each person sees and changes only their own; a layout
/// can name only cameras of the person's sites (checked on save, and again on display: a camera whose site
/// was later withdrawn simply shows as an empty tile).
/// </summary>
public sealed class WallLayoutService(VigieDbFactory dbFactory, TimeProvider time)
{
    public sealed record LayoutDto(string Name, int Size, IReadOnlyList<Guid?> Tiles, DateTimeOffset SavedAt);

    public sealed record LayoutInput(int Size, IReadOnlyList<Guid?> Tiles);

    public async Task<IReadOnlyList<LayoutDto>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.VideoView);
        await using var db = dbFactory.CreateDbContext();
        var layouts = await db.WallLayouts.AsNoTracking().Where(l => l.PersonId == actor.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var visible = await VisibleCamerasAsync(db, actor, layouts.SelectMany(l => l.TileCameras), cancellationToken).ConfigureAwait(false);
        return layouts
            .OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(l => new LayoutDto(l.Name, l.Size, l.TileCameras.Select(c => visible.Contains(c) ? c : (Guid?)null).ToArray(), l.SavedAt))
            .ToList();
    }

    public async Task<LayoutDto> SaveAsync(Actor actor, string name, LayoutInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.VideoView);
        var tiles = (input.Tiles ?? []).Select(t => t ?? Guid.Empty).ToArray();
        await using var db = dbFactory.CreateDbContext();
        var named = tiles.Where(t => t != Guid.Empty).Distinct().ToArray();
        var visible = await VisibleCamerasAsync(db, actor, named, cancellationToken).ConfigureAwait(false);
        if (named.FirstOrDefault(c => !visible.Contains(c)) is var refused && refused != Guid.Empty)
        {
            throw new DomainException("layout.camera_unknown", "A tile names a camera that does not exist or is not on your sites.", nameof(LayoutInput.Tiles));
        }

        var trimmed = (name ?? string.Empty).Trim();
        var layout = await db.WallLayouts.FirstOrDefaultAsync(l => l.PersonId == actor.Id && l.Name == trimmed, cancellationToken).ConfigureAwait(false);
        if (layout is null)
        {
            layout = new WallLayout(actor.Id, trimmed, input.Size, tiles, time.GetUtcNow());
            db.WallLayouts.Add(layout);
        }
        else
        {
            layout.Update(input.Size, tiles, time.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new LayoutDto(layout.Name, layout.Size, layout.TileCameras.Select(c => c == Guid.Empty ? (Guid?)null : c).ToArray(), layout.SavedAt);
    }

    public async Task DeleteAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.VideoView);
        await using var db = dbFactory.CreateDbContext();
        var trimmed = (name ?? string.Empty).Trim();
        var removed = await db.WallLayouts.Where(l => l.PersonId == actor.Id && l.Name == trimmed).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (removed == 0)
        {
            throw new NotFoundException("You have no layout of this name.");
        }
    }

    private static async Task<HashSet<Guid>> VisibleCamerasAsync(Storage.Model.VigieDbContext db, Actor actor, IEnumerable<Guid> cameras, CancellationToken cancellationToken)
    {
        var ids = cameras.Where(c => c != Guid.Empty).Distinct().Select(c => new CameraId(c)).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var visible = await db.Cameras.AsNoTracking().VisibleTo(actor).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return visible.Select(c => c.Value).ToHashSet();
    }
}
