namespace Vigie.Media.Tests;

/// <summary>
/// Tests that judge timing against a live encoder (GStreamer's x264/x265 at 25 fps) or serve many real-time
/// clients: they run alone, after the others, so that a busy two-core machine does not make the peer drop
/// frames or fall behind and fail a test that measures Vigie.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimePeers
{
    public const string Name = "Real-time peers";
}
