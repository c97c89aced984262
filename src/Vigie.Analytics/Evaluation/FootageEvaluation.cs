using System.Text.Json;
using System.Text.Json.Nodes;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Frames;
using Vigie.Analytics.Rules;
using Vigie.Media.Ffmpeg;

namespace Vigie.Analytics.Evaluation;

/// <summary>A hand-annotated event of real footage: the rule that must fire around <see cref="At"/> (seconds); optional ones may or may not.</summary>
public sealed record FootageEvent(string Rule, double At, string What, bool Optional);

/// <summary>
/// Someone annotated as staying where a rule looks, from <see cref="From"/> to <see cref="To"/> seconds: the rule
/// firing again on them (a new object once they were lost while standing still) is a repeat, neither found nor false.
/// </summary>
public sealed record FootagePresence(string Rule, double From, double To, string What);

/// <summary>Real footage with hand-written ground truth: the rules drawn on it, the events they must find, who stays where.</summary>
public sealed record FootageTruth(string File, RuleSet Rules, IReadOnlyList<FootageEvent> Events, double ScoredFrom, double ScoredTo, IReadOnlyList<FootagePresence> Present)
{
    /// <summary>Where Debian's opencv-doc puts OpenCV's sample footage.</summary>
    public const string OpenCvData = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>A rule may fire this early or late around an annotated instant (the annotation is at 1 s steps).</summary>
    public static readonly (double Before, double After) Tolerance = (1.5, 2.5);

    /// <summary>The truth shipped with Vigie for <paramref name="name"/> ("vtest").</summary>
    public static FootageTruth Load(string name)
    {
        using var stream = typeof(FootageTruth).Assembly.GetManifestResourceStream($"Vigie.Analytics.Footage.{name}.json")
            ?? throw new FileNotFoundException($"No ground truth named {name}.");
        var root = JsonNode.Parse(stream)!.AsObject();
        var rules = RuleSet.Parse(root["rules"]!.ToJsonString());
        var scored = root["scored"]!.AsArray();
        var events = root["events"]!.AsArray().Select(e => new FootageEvent(
            (string)e!["rule"]!,
            (double)e["at"]!,
            (string?)e["what"] ?? "",
            (bool?)e["optional"] ?? false)).ToList();
        var present = (root["present"]?.AsArray() ?? []).Select(p => new FootagePresence(
            (string)p!["rule"]!,
            (double)p["from"]!,
            (double)p["to"]!,
            (string?)p["what"] ?? "")).ToList();
        return new FootageTruth((string)root["file"]!, rules, events, (double)scored[0]!, (double)scored[1]!, present);
    }
}

/// <summary>Runs the analytics over real footage and scores what fired against the hand-written truth.</summary>
public static class FootageEvaluation
{
    /// <param name="label">The scene's name in the report (the file's name by default); rules are then named "rule (label)".</param>
    public static async Task<EvaluationReport> RunAsync(FfmpegRunner runner, string path, FootageTruth truth, FileAnalysisOptions options, IObjectDetector? detector, CancellationToken cancellationToken, string? label = null)
    {
        var fired = new List<RuleEvent>();
        await foreach (var frame in FileAnalysis.RunAsync(runner, path, truth.Rules, options, detector, cancellationToken).ConfigureAwait(false))
        {
            fired.AddRange(frame.Rules.Fired);
        }

        var perKind = new Dictionary<string, Score>();
        var scene = new Score();
        var notes = new List<string>();
        var name = label ?? Path.GetFileNameWithoutExtension(path);
        var suffix = label is null ? "" : $" ({label})";
        // Matched closest first over all pairs, so that an early annotation does not take a later one's event.
        var unmatched = fired.ToList();
        var pending = truth.Events.ToList();
        var pairs = truth.Events
            .SelectMany(x => fired.Where(e => e.RuleId == x.Rule && Seconds(e) >= x.At - FootageTruth.Tolerance.Before && Seconds(e) <= x.At + FootageTruth.Tolerance.After)
                .Select(e => (Expected: x, Event: e, Distance: Math.Abs(Seconds(e) - x.At) + (x.Optional ? 10 : 0))))
            .OrderBy(p => p.Distance);
        foreach (var (expected, hit, _) in pairs)
        {
            if (!pending.Contains(expected) || !unmatched.Contains(hit))
            {
                continue;
            }

            pending.Remove(expected);
            unmatched.Remove(hit);
            if (!expected.Optional)
            {
                Kind(perKind, expected.Rule + suffix).Hit(Math.Max(0, Seconds(hit) - expected.At));
                scene.Hit(Math.Max(0, Seconds(hit) - expected.At));
            }
        }

        foreach (var expected in pending.Where(e => !e.Optional))
        {
            Kind(perKind, expected.Rule + suffix).Miss();
            scene.Miss();
            notes.Add($"{name}: missed {expected.Rule} at {expected.At:F1} s ({expected.What})");
        }

        foreach (var extra in unmatched.Where(e => Seconds(e) >= truth.ScoredFrom && Seconds(e) <= truth.ScoredTo || truth.Rules.Rules.First(r => r.Id == e.RuleId).Kind != RuleKind.Line))
        {
            if (truth.Present.FirstOrDefault(p => p.Rule == extra.RuleId && Seconds(extra) >= p.From && Seconds(extra) <= p.To) is { } presence)
            {
                notes.Add($"{name}: {extra.RuleId} fired again at {Seconds(extra):F1} s for object {extra.Track} on someone annotated there ({presence.What}): a repeat, not scored");
                continue;
            }

            Kind(perKind, extra.RuleId + suffix).FalseAlarm();
            scene.FalseAlarm();
            notes.Add($"{name}: {extra.RuleId} fired at {Seconds(extra):F1} s for object {extra.Track} at {extra.Box} with nothing annotated");
        }

        return new EvaluationReport(new Dictionary<string, Score> { [name] = scene }, perKind, notes);
    }

    private static Score Kind(Dictionary<string, Score> perKind, string rule) =>
        perKind.TryGetValue(rule, out var score) ? score : perKind[rule] = new Score();

    private static double Seconds(RuleEvent e) => (e.Fired - FileAnalysis.Origin).TotalSeconds;
}
