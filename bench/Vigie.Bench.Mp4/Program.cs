using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Vigie.Bench.Mp4.FragmentMuxBenchmark).Assembly).Run(args);
