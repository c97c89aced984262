using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process toolchain: the repository's strict Directory.Build.props and central package versions would
// otherwise apply to the project BenchmarkDotNet generates, and it would not build.
// `--quick` runs a short job (a few seconds per benchmark) for CI and reports; without it, the default job.
var quick = args.Contains("--quick");
var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOption(ConfigOptions.DisableLogFile, true)
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "vigie-bench-media-artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Vigie.Bench.Media.H264DepacketizeBenchmarks).Assembly)
    .Run([.. args.Where(arg => arg != "--quick"), .. args.Contains("--filter") ? [] : (string[])["--filter", "*"]], config);
