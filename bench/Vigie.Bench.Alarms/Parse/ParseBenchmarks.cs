using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Vigie.Bench.Alarms.Parse;

/// <summary>
/// Runs <see cref="FrameBenchmarks"/> in process: the repository's strict Directory.Build.props and central
/// package versions would otherwise apply to the project BenchmarkDotNet generates, and it would not build.
/// </summary>
public static class ParseBenchmarks
{
    public static void Run(bool quick)
    {
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOption(ConfigOptions.DisableLogFile, true)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "vigie-bench-artifacts"));
        BenchmarkRunner.Run<FrameBenchmarks>(config);
    }
}
