using Vigie.Domain;
using Vigie.Domain.Recordings;

namespace Vigie.Media.Retention;

/// <summary>The recording index as retention sees it: complete segments, active legal holds, retention days per camera.</summary>
public sealed record RetentionState(IReadOnlyList<RecordingSegment> Segments, IReadOnlyList<LegalHold> Holds, IReadOnlyDictionary<CameraId, int> RetentionDays);
