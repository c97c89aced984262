using Vigie.Server.Components.Wall;
using Vigie.Server.Features.Sites;

namespace Vigie.Server.Tests.Components.Wall;

public sealed class WallGridTests
{
    private static readonly CameraDto Hall = Camera("Hall");
    private static readonly CameraDto Quai = Camera("Quai");
    private static readonly CameraDto Parvis = Camera("Parvis");

    private static CameraDto Camera(string name) => new(Guid.NewGuid(), Guid.NewGuid(), name, "rtsp://127.0.0.1/x", string.Empty, string.Empty, false, 30);

    [Fact]
    public void A_wall_written_in_the_address_comes_back_the_same_free_tiles_included()
    {
        var wall = WallGrid.FromAddress("3x3", null, [Hall, Quai, Parvis]);
        wall.Tiles[0].Show(Hall.Id, Hall.Name);
        wall.Tiles[2].Show(Quai.Id, Quai.Name);
        wall.Tiles[8].Show(Parvis.Id, Parvis.Name);

        var again = WallGrid.FromAddress(WallGrid.NameOf(wall.Size), wall.CamerasParameter(), [Hall, Quai, Parvis]);

        Assert.Equal(3, again.Size);
        Assert.Equal(wall.ShownCameras(), again.ShownCameras());
        Assert.Null(again.Tiles[1].Camera);
        Assert.Equal("Parvis", again.Tiles[8].Name);
    }

    [Fact]
    public void An_address_naming_a_camera_the_person_may_not_see_shows_a_free_tile_instead()
    {
        var elsewhere = Camera("Réserve d'un autre site");

        var wall = WallGrid.FromAddress("2x2", $"{elsewhere.Id},{Hall.Id},not-an-id", [Hall]);

        Assert.Equal([null, Hall.Id, null, null], wall.ShownCameras());
    }

    [Fact]
    public void An_unknown_layout_is_the_2x2_grid_and_an_empty_wall_has_no_cameras_in_its_address()
    {
        var wall = WallGrid.FromAddress("5x5", null, [Hall]);

        Assert.Equal(2, wall.Size);
        Assert.Null(wall.CamerasParameter());
        Assert.Equal(("2x2", "2×2", "1"), (WallGrid.NameOf(2), WallGrid.LabelOf(2), WallGrid.LabelOf(1)));
    }

    [Fact]
    public void A_smaller_grid_keeps_the_cameras_beyond_it_for_when_it_grows_again()
    {
        var wall = WallGrid.FromAddress("3x3", $"{Hall.Id},,,,{Quai.Id}", [Hall, Quai]);

        wall.Resize(1);
        Assert.Equal([Hall.Id], wall.ShownCameras());
        Assert.Equal(Hall.Id.ToString(), wall.CamerasParameter());
        wall.Resize(3);
        Assert.Equal(Quai.Id, wall.Tiles[4].Camera);
    }

    [Fact]
    public void Loading_a_saved_layout_replaces_every_tile_and_skips_cameras_no_longer_visible()
    {
        var wall = WallGrid.FromAddress("4x4", $"{Hall.Id},{Quai.Id},{Parvis.Id}", [Hall, Quai, Parvis]);
        wall.Tiles[15].Show(Parvis.Id, Parvis.Name);

        wall.Load(2, [Quai.Id, null, Guid.NewGuid(), Hall.Id], [Hall, Quai, Parvis]);

        Assert.Equal(2, wall.Size);
        Assert.Equal([Quai.Id, null, null, Hall.Id], wall.ShownCameras());
        Assert.All(wall.Tiles.Skip(4), t => Assert.Null(t.Camera));
        Assert.Equal(WallTile.Connecting, wall.Tiles[0].State);
    }
}
