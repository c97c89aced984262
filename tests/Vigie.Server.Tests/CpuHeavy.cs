namespace Vigie.Server.Tests;

/// <summary>
/// Tests that keep both cores busy for tens of seconds (analytics over whole video files, a people detector on a
/// live camera): run alone, never beside the tests that measure time and rates (frames per second, latencies).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHeavy
{
    public const string Name = "cpu-heavy";
}
