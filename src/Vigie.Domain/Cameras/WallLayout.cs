namespace Vigie.Domain.Cameras;

/// <summary>
/// A video-wall layout an operator saved under a name: the grid (1×1 to 4×4) and the camera of each
/// tile, in reading order (an empty tile is <see cref="Guid.Empty"/>). Each person has their own.
/// </summary>
public sealed class WallLayout
{
    public const int MaxSize = 4;

    private WallLayout()
    {
        Name = string.Empty;
        Tiles = string.Empty;
    }

    public WallLayout(PersonId personId, string name, int size, IReadOnlyList<Guid> tiles, DateTimeOffset savedAt)
        : this()
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        Name = Guard.Text(name, nameof(Name), "layout.name_required");
        Update(size, tiles, savedAt);
    }

    public Guid Id { get; private set; }

    public PersonId PersonId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Tiles per side: 1, 2, 3 or 4.</summary>
    public int Size { get; private set; }

    /// <summary>The tiles' cameras as stored: GUIDs separated by commas, in reading order.</summary>
    public string Tiles { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    public IReadOnlyList<Guid> TileCameras => Tiles.Length == 0 ? [] : Tiles.Split(',').Select(Guid.Parse).ToArray();

    public void Update(int size, IReadOnlyList<Guid> tiles, DateTimeOffset savedAt)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (size is < 1 or > MaxSize)
        {
            throw new DomainException("layout.size_invalid", "A wall layout has 1×1 to 4×4 tiles.", nameof(Size));
        }

        if (tiles.Count > size * size)
        {
            throw new DomainException("layout.too_many_tiles", $"A {size}×{size} layout has {size * size} tiles.", nameof(Tiles));
        }

        Size = size;
        Tiles = string.Join(',', tiles.Select(t => t.ToString("D")));
        SavedAt = savedAt;
    }
}
