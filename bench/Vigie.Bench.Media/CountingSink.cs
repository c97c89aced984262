using Vigie.Media.Ingest;

namespace Vigie.Bench.Media;

/// <summary>A consumer that only counts, so the benchmark measures the depacketiser and not a consumer.</summary>
internal sealed class CountingSink : IAccessUnitSink
{
    public long Frames { get; private set; }

    public void OnAccessUnit(AccessUnit unit) => Frames++;
}
