using System.Text.Json;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

/// <summary>`vigie analytics run` over real footage (OpenCV's vtest.avi, from Debian's opencv-doc) and its bad inputs.</summary>
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
}
