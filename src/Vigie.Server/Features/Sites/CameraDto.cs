using Vigie.Domain.Cameras;

namespace Vigie.Server.Features.Sites;

/// <summary>A camera as the API sends it: the password never leaves the server, only whether one is set.</summary>
public sealed record CameraDto(Guid Id, Guid SiteId, string Name, string MainStreamUrl, string SubStreamUrl, string Username, bool HasPassword, int RetentionDays)
{
    public static CameraDto From(Camera camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return new(camera.Id.Value, camera.SiteId.Value, camera.Name, camera.MainStreamUrl, camera.SubStreamUrl, camera.Username, camera.HasPassword, camera.RetentionDays);
    }
}
