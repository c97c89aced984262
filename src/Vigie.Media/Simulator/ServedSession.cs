namespace Vigie.Media.Simulator;

/// <summary>
/// What one client session of the simulator was served: frames offered from its first keyframe on, frames
/// written to its socket, and frames skipped because it fell behind (it then resumes at the next keyframe).
/// Offered = sent + skipped once the session has ended cleanly.
/// </summary>
public sealed record ServedSession(string? Camera, string Client, long Offered, long Sent, long Skipped);
