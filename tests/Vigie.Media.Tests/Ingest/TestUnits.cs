using System.Collections.Immutable;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Ingest;

/// <summary>Small access units for ingest tests: 25 fps, a keyframe every <c>gop</c> frames.</summary>
internal static class TestUnits
{
    public static readonly ParameterSets H264 = new(VideoCodec.H264, [], [[0x67, 0x42, 0xC0, 0x1E]], [[0x68, 0xCE, 0x3C, 0x80]]);

    public static AccessUnit Frame(int index, int gop = 25) =>
        AccessUnit.Copy([0, 0, 0, 2, (byte)(index % gop == 0 ? 0x65 : 0x41), (byte)index], VideoCodec.H264,
            timestamp: index * 3600L, isKeyframe: index % gop == 0, H264, wallClock: null, receivedAt: DateTimeOffset.UnixEpoch);

    public static ImmutableArray<byte[]> None => [];
}
