namespace Vigie.Server.Playback;

/// <summary>
/// What can be played back of one camera: from <see cref="First"/> (its oldest recorded instant) to
/// <see cref="Last"/> (its newest, a second or two before now while it records); both null when nothing is
/// recorded. The range may hold gaps; a playback in one starts at the next recording.
/// </summary>
public sealed record RecordedRangeDto(Guid CameraId, DateTimeOffset? First, DateTimeOffset? Last);
