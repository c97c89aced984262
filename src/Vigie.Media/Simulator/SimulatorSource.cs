using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

/// <summary>A pre-encoded H.264 clip that a simulated camera plays in a loop, held once in memory for every camera using it.</summary>
public sealed record SimulatorSource(string Name, IReadOnlyList<AnnexBReader.Unit> Units, double FramesPerSecond)
{
    public TimeSpan FrameInterval => TimeSpan.FromSeconds(1 / FramesPerSecond);
}
