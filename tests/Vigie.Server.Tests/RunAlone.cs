namespace Vigie.Server.Tests;

/// <summary>
/// Tests that run alone, after the parallel ones: those that keep both cores busy for tens of seconds (analytics
/// over whole video files, a people detector on a live camera) and those that measure rates and latencies (frames
/// per second, a fragment's age), which a busy neighbour on a 2-core machine would falsify.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "run-alone";
}
