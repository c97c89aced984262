using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.Server.Tests.Live;

public sealed class WallLayoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_person_saves_and_reloads_named_layouts_of_their_own_cameras_only()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Mon site");
        var other = await host.CreateSiteAsync("Autre site");
        var hall = await host.CreateCameraAsync(mine, "Hall");
        var dock = await host.CreateCameraAsync(mine, "Quai");
        var reserve = await host.CreateCameraAsync(other, "Réserve");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("op2", Role.Operator, [mine]);
        await host.CreatePersonAsync("auditor", Role.Auditor);
        using var op = await host.ClientAsync("op");
        using var op2 = await host.ClientAsync("op2");
        using var auditor = await host.ClientAsync("auditor");

        var saved = await op.PutAsJsonAsync("/api/wall-layouts/Nuit", new { size = 2, tiles = new Guid?[] { hall.Id, null, dock.Id } }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        // Saving under the same name replaces it.
        Assert.Equal(HttpStatusCode.OK, (await op.PutAsJsonAsync("/api/wall-layouts/Nuit", new { size = 3, tiles = new Guid?[] { dock.Id, hall.Id } }, Ct)).StatusCode);
        using (var list = JsonDocument.Parse(await op.GetStringAsync(new Uri("/api/wall-layouts", UriKind.Relative), Ct)))
        {
            var layout = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(("Nuit", 3), (layout.GetProperty("name").GetString(), layout.GetProperty("size").GetInt32()));
            Assert.Equal([dock.Id, hall.Id], layout.GetProperty("tiles").EnumerateArray().Select(t => t.GetGuid()));
        }

        // Another operator of the same site has none; they are personal.
        Assert.Equal("[]", await op2.GetStringAsync(new Uri("/api/wall-layouts", UriKind.Relative), Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await op2.DeleteAsync(new Uri("/api/wall-layouts/Nuit", UriKind.Relative), Ct)).StatusCode);

        // Bad input: another site's camera, too many tiles, an impossible grid, no name; auditors have no wall.
        var refused = await op.PutAsJsonAsync("/api/wall-layouts/Intrus", new { size = 1, tiles = new Guid?[] { reserve.Id } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("layout.camera_unknown", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PutAsJsonAsync("/api/wall-layouts/Trop", new { size = 1, tiles = new Guid?[] { hall.Id, dock.Id } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PutAsJsonAsync("/api/wall-layouts/Grand", new { size = 5, tiles = Array.Empty<Guid?>() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PutAsJsonAsync("/api/wall-layouts/%20", new { size = 2, tiles = Array.Empty<Guid?>() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(new Uri("/api/wall-layouts", UriKind.Relative), Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync(new Uri("/api/wall-layouts/Nuit", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal("[]", await op.GetStringAsync(new Uri("/api/wall-layouts", UriKind.Relative), Ct));
    }
}
