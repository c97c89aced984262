using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Rtp;

/// <summary>Copies every emitted access unit so tests can inspect it after the depacketiser released it.</summary>
internal sealed class CollectingSink : IAccessUnitSink
{
    public List<ReceivedUnit> Units { get; } = [];

    public void OnAccessUnit(AccessUnit unit) => Units.Add(new ReceivedUnit(
        EncodedStream.Unprefix(unit.Data.Span), unit.Timestamp, unit.IsKeyframe, unit.Parameters, unit.WallClock, unit.ReceivedAt));
}
