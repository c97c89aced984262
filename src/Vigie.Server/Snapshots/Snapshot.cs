using Vigie.Server.Features.Sites;

namespace Vigie.Server.Snapshots;

/// <summary>A JPEG of a camera: live (<see cref="Recorded"/> false) or of a recorded instant; <see cref="At"/> is the instant of the frame shown (UTC).</summary>
public sealed record Snapshot(byte[] Jpeg, CameraDto Camera, DateTimeOffset At, bool Recorded)
{
    public string FileName => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{SafeName(Camera.Name)}_{At.UtcDateTime:yyyy-MM-dd'T'HH-mm-ss.fff'Z'}.jpg");

    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-') is { Length: > 0 } safe ? safe : "camera";
}
