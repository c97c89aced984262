using Vigie.Analytics.Evaluation;
using Vigie.Analytics.Pipeline;

namespace Vigie.Analytics.Tests;

/// <summary>The synthetic evaluation set, at the floors the issue sets: each rule F1 ≥ 0.9, tamper within 2 s, noise and lighting silent.</summary>
public sealed class EvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_rule_and_tamper_meets_its_floor_on_the_synthetic_set()
    {
        var report = Evaluator.Run(SceneLibrary.All(seeds: int.Parse(Environment.GetEnvironmentVariable("SEEDS") ?? "1")), new AnalyzerOptions());
        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }

        Assert.All(report.Kinds, k => Assert.True(k.Value.F1 >= 0.9, k.Value.Line(k.Key)));
        Assert.Equal(6 + 3, report.Kinds.Count);
        var quiet = report.Scenes.Single(s => s.Key.StartsWith("lighting-noise", StringComparison.Ordinal)).Value;
        Assert.Equal(0, quiet.False);
    }
}
