using Vigie.Media.Ingest;

namespace Vigie.Media.Export;

/// <summary>
/// One frame read back from a recorded segment. <see cref="Unit"/> is a copy the receiver owns and must
/// <see cref="AccessUnit.Release"/>; its <see cref="AccessUnit.Timestamp"/> is the recorded instant in 90 kHz
/// ticks on the playback timeline (<see cref="Playback.PlaybackCursor.MediaTime"/>), so frames of consecutive
/// segment files follow each other without a jump and a gap between recordings stays a gap.
/// </summary>
/// <param name="Unit">The frame, with its segment's parameter sets.</param>
/// <param name="At">Recorded wall-clock instant of the frame (UTC).</param>
/// <param name="Duration">The frame's recorded duration.</param>
public sealed record RecordedFrame(AccessUnit Unit, DateTimeOffset At, TimeSpan Duration);
