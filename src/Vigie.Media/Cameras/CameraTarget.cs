using Vigie.Domain;

namespace Vigie.Media.Cameras;

/// <summary>
/// What a recorder needs of a camera: its main stream (recorded), its substream when it has one (the live
/// wall's H.264 for an H.265 camera), and clear credentials (decrypted only here, never logged).
/// </summary>
/// <param name="Problem">
/// Why the camera cannot be tried as configured (e.g. its stored password cannot be decrypted), in English as
/// the status shows it; null when it can. A camera with a problem is shown <c>misconfigured</c> and never dialled.
/// </param>
public sealed record CameraTarget(CameraId Id, SiteId SiteId, string Name, string Url, string? UserName, string? Password, string? SubUrl = null, string? Problem = null)
{
    public override string ToString() => $"{Name} ({Url})";
}
