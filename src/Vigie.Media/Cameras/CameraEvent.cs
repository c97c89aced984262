using Vigie.Domain;

namespace Vigie.Media.Cameras;

/// <summary>
/// A technical event of the video side, for the main courante: <see cref="Text"/> is the entry as operators
/// read it (French). <see cref="Camera"/> and <see cref="Site"/> are null for an event about every camera's
/// recordings (the disk).
/// </summary>
public sealed record CameraEvent(CameraEventKind Kind, CameraId? Camera, SiteId? Site, string Text);
