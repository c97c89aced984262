using System.Globalization;
using Vigie.Server.Features.Sites;

namespace Vigie.Server.Components.Wall;

/// <summary>
/// What the wall shows: a square grid of 1, 2×2, 3×3 or 4×4 tiles and the camera on each. The 16 tiles
/// always exist; a smaller grid shows the first ones, so cameras beyond it come back when the grid grows.
/// The grid is written in the page address as <c>?layout=2x2&amp;cameras=id,,id</c> (an empty place is a free
/// tile) and read back from it; only cameras the person may see are ever placed.
/// </summary>
public sealed class WallGrid
{
    public const int MaxSize = 4;

    public static readonly IReadOnlyList<int> Sizes = [1, 2, 3, 4];

    private readonly WallTile[] _tiles = Enumerable.Range(0, MaxSize * MaxSize).Select(_ => new WallTile()).ToArray();

    /// <summary>Tiles per side.</summary>
    public int Size { get; private set; } = 2;

    /// <summary>Every tile, shown or not (index = position, row by row).</summary>
    public IReadOnlyList<WallTile> Tiles => _tiles;

    /// <summary>How many tiles the current grid shows.</summary>
    public int Visible => Size * Size;

    /// <summary>The grid of an address: its layout name and its comma-separated cameras, keeping only <paramref name="allowed"/> ones.</summary>
    public static WallGrid FromAddress(string? layout, string? cameras, IReadOnlyList<CameraDto> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var grid = new WallGrid { Size = SizeOf(layout) };
        // Positions count: "a,,b" leaves the second tile free (as CamerasParameter writes it).
        var requested = (cameras ?? string.Empty).Split(',');
        for (var i = 0; i < requested.Length && i < grid._tiles.Length; i++)
        {
            // Only cameras this person may see: an address naming another site's camera shows nothing.
            if (Guid.TryParse(requested[i], out var id) && allowed.FirstOrDefault(c => c.Id == id) is { } camera)
            {
                grid._tiles[i].Show(camera.Id, camera.Name, camera.Authorised == false);
            }
        }

        return grid;
    }

    /// <summary>"1x1" → 1 … "4x4" → 4; anything else is the default 2×2.</summary>
    public static int SizeOf(string? layout) => layout switch { "1x1" => 1, "3x3" => 3, "4x4" => 4, _ => 2 };

    /// <summary>The layout's name in the address and on its toolbar button's data attribute.</summary>
    public static string NameOf(int size) => string.Create(CultureInfo.InvariantCulture, $"{size}x{size}");

    /// <summary>The toolbar button's text.</summary>
    public static string LabelOf(int size) => size == 1 ? "1" : string.Create(CultureInfo.InvariantCulture, $"{size}×{size}");

    public void Resize(int size) => Size = Math.Clamp(size, 1, MaxSize);

    /// <summary>Replaces the whole grid with a saved layout, keeping only <paramref name="allowed"/> cameras.</summary>
    public void Load(int size, IReadOnlyList<Guid?> tiles, IReadOnlyList<CameraDto> allowed)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(allowed);
        Resize(size);
        for (var i = 0; i < _tiles.Length; i++)
        {
            if (i < tiles.Count && tiles[i] is { } id && allowed.FirstOrDefault(c => c.Id == id) is { } camera)
            {
                _tiles[i].Show(camera.Id, camera.Name, camera.Authorised == false);
            }
            else
            {
                _tiles[i].Clear();
            }
        }
    }

    /// <summary>The cameras of the shown tiles, in order (null for a free tile), as a layout is saved.</summary>
    public IReadOnlyList<Guid?> ShownCameras() => _tiles.Take(Visible).Select(t => t.Camera).ToArray();

    /// <summary>The <c>cameras</c> value of the address; null when every shown tile is free.</summary>
    public string? CamerasParameter()
    {
        var cameras = string.Join(',', _tiles.Take(Visible).Select(t => t.Camera?.ToString() ?? string.Empty)).TrimEnd(',');
        return cameras.Length == 0 ? null : cameras;
    }
}
