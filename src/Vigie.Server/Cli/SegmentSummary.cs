namespace Vigie.Server.Cli;

internal sealed record SegmentSummary(string Path, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Frames, long Bytes);
