using Vigie.Domain;

namespace Vigie.Server.Recording;

/// <summary>
/// What a recorder needs of a camera: its main stream (recorded), its substream when it has one (the live
/// wall's H.264 for an H.265 camera), and clear credentials (decrypted only here, never logged).
/// </summary>
public sealed record CameraTarget(CameraId Id, SiteId SiteId, string Name, string Url, string? UserName, string? Password, string? SubUrl = null)
{
    public override string ToString() => $"{Name} ({Url})";
}
