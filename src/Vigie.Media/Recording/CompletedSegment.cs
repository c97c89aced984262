using Vigie.Media.Codecs;

namespace Vigie.Media.Recording;

/// <summary>A segment file that is complete on disk (renamed from its temporary name), ready for the index.</summary>
public sealed record CompletedSegment(
    string Camera,
    string FullPath,
    string RelativePath,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    long Bytes,
    int Frames,
    int Keyframes,
    VideoCodec Codec,
    int Width,
    int Height);
