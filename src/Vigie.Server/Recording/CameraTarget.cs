using Vigie.Domain;

namespace Vigie.Server.Recording;

/// <summary>What a recorder needs of a camera: its stream and clear credentials (decrypted only here, never logged).</summary>
public sealed record CameraTarget(CameraId Id, SiteId SiteId, string Name, string Url, string? UserName, string? Password)
{
    public override string ToString() => $"{Name} ({Url})";
}
