using Vigie.Domain.Cameras;
using Vigie.Domain.Sites;

namespace Vigie.Server.Features.Sites;

/// <summary>A camera as the API sends it: the password never leaves the server, only whether one is set.</summary>
public sealed record CameraDto(Guid Id, Guid SiteId, string Name, string MainStreamUrl, string SubStreamUrl, string Username, bool HasPassword, int RetentionDays)
{
    /// <summary>The site's prefectoral authorisation names this camera.</summary>
    public bool CoveredByAuthorisation { get; init; }

    /// <summary>
    /// Covered by a recorded, unexpired authorisation today; false flags the camera wherever it appears (CSI L252-1).
    /// Null where the site was not read.
    /// </summary>
    public bool? Authorised { get; init; }

    public static CameraDto From(Camera camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return new(camera.Id.Value, camera.SiteId.Value, camera.Name, camera.MainStreamUrl, camera.SubStreamUrl, camera.Username, camera.HasPassword, camera.RetentionDays)
        {
            CoveredByAuthorisation = camera.CoveredByAuthorisation,
        };
    }

    /// <summary>The camera with its authorisation state on <paramref name="today"/> (its site's authorisation and coverage).</summary>
    public static CameraDto From(Camera camera, Site site, DateOnly today) =>
        From(camera) with { Authorised = camera.IsAuthorisedOn(site, today) };
}
