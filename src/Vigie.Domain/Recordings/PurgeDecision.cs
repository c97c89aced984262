namespace Vigie.Domain.Recordings;

public sealed record PurgeDecision(RecordingSegment Segment, PurgeReason Reason);
