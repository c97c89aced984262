namespace Vigie.Bench.Playback;

/// <param name="Sought">The instant asked.</param>
/// <param name="ToSeekedMs">Request (upgrade, or seek message sent) → its <c>seeked</c> message received.</param>
/// <param name="ToFragmentMs">Request → the first fragment (kind 2) of that seek received whole.</param>
/// <param name="FirstFrame">The first frame's recorded time as <c>seeked</c> gives it.</param>
/// <param name="Consistent">The first fragment is the one announced, at a keyframe at most 1 s before the instant.</param>
public sealed record SeekTiming(DateTimeOffset Sought, double ToSeekedMs, double ToFragmentMs, DateTimeOffset FirstFrame, bool Consistent);
