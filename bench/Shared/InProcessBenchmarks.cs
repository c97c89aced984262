using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Vigie.Bench;

/// <summary>
/// Runs a BenchmarkDotNet class in process, with allocations: the repository's strict Directory.Build.props
/// and central package versions would otherwise apply to the project BenchmarkDotNet generates, and it would
/// not build. Shared by the bench projects that have a micro-benchmark (linked into each).
/// </summary>
public static class InProcessBenchmarks
{
    public static void Run<TBenchmarks>(bool quick)
    {
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOption(ConfigOptions.DisableLogFile, true)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "vigie-bench-artifacts"));
        BenchmarkRunner.Run<TBenchmarks>(config);
    }
}
