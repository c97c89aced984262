using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Rtp;

/// <summary>A copy of an emitted access unit, with its data split back into NAL units.</summary>
internal sealed record ReceivedUnit(List<byte[]> NalUnits, long Timestamp, bool IsKeyframe, ParameterSets Parameters, DateTimeOffset? WallClock, DateTimeOffset ReceivedAt);
