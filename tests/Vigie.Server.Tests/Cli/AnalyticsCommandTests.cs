using System.Text.Json;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

/// <summary>`vigie analytics run` over real footage (OpenCV's vtest.avi, from Debian's opencv-doc) and its bad inputs.</summary>
[Collection(RunAlone.Name)]
public sealed class AnalyticsCommandTests
{
    private const string Footage = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    [Fact]
    public async Task Run_prints_one_json_line_per_event_with_rule_kind_track_times_and_box()
    {
        var rules = Path.Combine(Directory.CreateTempSubdirectory("vigie-rules").FullName, "rules.json");
        await File.WriteAllTextAsync(rules, """
            { "rules": [ { "id": "lawn", "kind": "intrusion", "zone": [[0, 330], [330, 390], [430, 450], [430, 576], [0, 576]], "dwellSeconds": 0.5 } ] }
            """, TestContext.Current.CancellationToken);

        var result = await VigieProcess.RunAsync(TimeSpan.FromMinutes(3), "analytics", "run", "--source", Footage, "--rules", rules, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // A couple walks onto the lawn at about 52.5 s (hand-annotated); nobody else ever does.
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal("lawn", e.GetProperty("rule").GetString());
            Assert.Equal("intrusion", e.GetProperty("kind").GetString());
            Assert.True(e.GetProperty("track").GetInt32() > 0);
            Assert.InRange(e.GetProperty("start").GetDouble(), 50, 72);
            Assert.True(e.GetProperty("end").GetDouble() >= e.GetProperty("start").GetDouble());
            Assert.Equal(4, e.GetProperty("box").GetArrayLength());
        });
        Assert.Contains(events, e => e.GetProperty("start").GetDouble() is >= 51 and <= 55);
    }

    [Fact]
    public async Task Eval_quick_prints_F1_lines_and_meets_the_floors()
    {
        var result = await VigieProcess.RunAsync(TimeSpan.FromMinutes(5), "analytics", "eval", "--quick");

        Assert.True(result.ExitCode == 0, result.All);
        var scores = result.Output.Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(?<name>[\w-]+(?: [\w-]+)?) F1 (?<f1>\d\.\d\d) "))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => double.Parse(m.Groups["f1"].Value, System.Globalization.CultureInfo.InvariantCulture));
        // Synthetic set: each rule and tamper kind at F1 ≥ 0.9; lighting and noise alone fire nothing.
        foreach (var kind in new[] { "intrusion", "line", "loitering", "abandoned", "removed", "crowd", "tamper-covered", "tamper-defocused", "tamper-moved" })
        {
            Assert.True(scores.TryGetValue(kind, out var f1) && f1 >= 0.9, $"{kind}: {result.Output}");
        }

        Assert.Contains("scene lighting-noise-1 F1 1.00 precision 1.00 recall 1.00 found 0 false 0", result.Output, StringComparison.Ordinal);
        // Real footage: the annotated events found, the empty lawn silent.
        Assert.True(scores["scene vtest"] >= 0.85, result.Output);
        Assert.Matches(@"lawn F1 1\.00 precision 1\.00 recall 1\.00 found 2 false 0", result.Output);
        // The same footage as a camera's 320-px substream: what the host finds live.
        Assert.True(scores["scene vtest-live"] >= 0.85, result.Output);
        Assert.Matches(@"lawn \(vtest-live\) F1 \d\.\d\d precision 1\.00 recall \d\.\d\d found [12] false 0", result.Output);
    }

    [Fact]
    public async Task A_bad_rules_file_and_a_missing_video_are_refused_saying_why()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-rules").FullName;
        var rules = Path.Combine(folder, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "rules": [ { "id": "x", "kind": "line", "line": [[0, 0]] } ] }""", TestContext.Current.CancellationToken);
        var bad = await VigieProcess.RunAsync("analytics", "run", "--source", Footage, "--rules", rules);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("rule 'x': a line needs exactly two points", bad.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(rules, """{ "rules": [ { "id": "x", "kind": "crowd", "zone": [[0, 0], [9, 0], [9, 9]], "count": 2, "classes": ["ghost"] } ] }""", TestContext.Current.CancellationToken);
        var wrongClass = await VigieProcess.RunAsync("analytics", "run", "--source", Footage, "--rules", rules);
        Assert.Equal(2, wrongClass.ExitCode);
        Assert.Contains("'ghost' is not a class", wrongClass.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(rules, """{ "rules": [] }""", TestContext.Current.CancellationToken);
        var missing = await VigieProcess.RunAsync("analytics", "run", "--source", Path.Combine(folder, "none.mp4"), "--rules", rules);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No video file", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_onnx_model_given_by_an_administrator_is_used_and_one_that_is_not_a_detector_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-onnx").FullName;
        var clip = Path.Combine(folder, "clip.mkv");
        var cut = await VigieProcess.RunToolAsync("ffmpeg", "-v", "error", "-i", Footage, "-t", "3", "-c", "copy", clip);
        Assert.True(cut.ExitCode == 0, cut.All);
        var rules = Path.Combine(folder, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "rules": [ { "id": "all", "kind": "intrusion", "dwellSeconds": 0.2 } ] }""", TestContext.Current.CancellationToken);
        var model = Path.Combine(folder, "detector.onnx");
        await File.WriteAllBytesAsync(model, TinyDetectorModel.Build(TinyModelLayout.RowsWithObjectness, ["person", "car"], classIndex: 0), TestContext.Current.CancellationToken);

        var used = await VigieProcess.RunAsync(TimeSpan.FromMinutes(2), "analytics", "run", "--source", clip, "--rules", rules, "--model", model, "--json");
        Assert.True(used.ExitCode == 0, used.All);
        // The tiny model calls every bright cell a person: vtest.avi's pale pavement is full of them.
        Assert.Contains(used.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).RootElement.GetProperty("class").GetString() == "person");

        await File.WriteAllTextAsync(model, "not a model", TestContext.Current.CancellationToken);
        var refused = await VigieProcess.RunAsync("analytics", "run", "--source", clip, "--rules", rules, "--model", model);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not a model ONNX Runtime can load", refused.Error, StringComparison.Ordinal);

        var unknown = await VigieProcess.RunAsync("analytics", "run", "--source", clip, "--rules", rules, "--detector", "yolo");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown detector 'yolo': hog, onnx, none", unknown.Error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
