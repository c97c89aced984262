using Vigie.Domain;
using Vigie.Domain.Recordings;

namespace Vigie.Media.Retention;

/// <summary>
/// What retention needs to know besides the segments themselves, small whatever the archive: the active legal
/// holds, each camera's retention in days, and the cameras that have segments in the index (a camera removed
/// from the configuration keeps its recordings under the default retention until they expire).
/// </summary>
public sealed record RetentionState(IReadOnlyList<LegalHold> Holds, IReadOnlyDictionary<CameraId, int> RetentionDays, IReadOnlyList<CameraId> RecordedCameras);
