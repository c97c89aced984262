namespace Vigie.Server.Features.Logbook;

/// <summary>
/// A new main-courante entry with a snapshot of <see cref="CameraId"/> attached: live, or the frame recorded
/// at <see cref="At"/>. The entry belongs to the camera's site; <see cref="SiteId"/>, when given, must be it.
/// </summary>
public sealed record NewSnapshotEntry(Guid CameraId, DateTimeOffset? At, string Category, string Text, Guid? SiteId = null, string? References = null);
