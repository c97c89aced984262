namespace Vigie.Bench.Recording;

/// <summary>One simulator session as reported by `camsim --control`: camera number and its frame counts.</summary>
public sealed record ServedCount(int Camera, long Offered, long Sent, long Skipped);
