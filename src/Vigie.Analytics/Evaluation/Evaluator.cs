using System.Globalization;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Rules;
using Vigie.Analytics.Tamper;

namespace Vigie.Analytics.Evaluation;

/// <summary>Counts for one rule kind, tamper kind or scene: found, false, missed, and the delays of those found.</summary>
public sealed class Score
{
    private readonly List<double> _delays = [];

    public int Found { get; private set; }

    public int False { get; private set; }

    public int Missed { get; private set; }

    public double Precision => Found + False == 0 ? 1 : (double)Found / (Found + False);

    public double Recall => Found + Missed == 0 ? 1 : (double)Found / (Found + Missed);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Median seconds from when the situation was due to be reported to when it was (0 when none found).</summary>
    public double Delay => _delays.Count == 0 ? 0 : _delays.Order().ElementAt(_delays.Count / 2);

    public void Hit(double delay)
    {
        Found++;
        _delays.Add(delay);
    }

    public void FalseAlarm() => False++;

    public void Miss() => Missed++;

    public void Add(Score other)
    {
        Found += other.Found;
        False += other.False;
        Missed += other.Missed;
        _delays.AddRange(other._delays);
    }

    public string Line(string name) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name} F1 {F1:F2} precision {Precision:F2} recall {Recall:F2} found {Found} false {False} missed {Missed} delay {Delay:F1} s");
}

/// <summary>What an evaluation found, per scene and per rule and tamper kind.</summary>
public sealed record EvaluationReport(
    IReadOnlyDictionary<string, Score> Scenes,
    IReadOnlyDictionary<string, Score> Kinds,
    IReadOnlyList<string> Notes)
{
    /// <summary>One line per kind then per scene, "name F1 0.93 …"; then what went wrong, if anything.</summary>
    public IEnumerable<string> Lines() =>
        Kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Value.Line(k.Key))
            .Concat(Scenes.Select(s => s.Value.Line($"scene {s.Key}")))
            .Concat(Notes.Select(n => $"note: {n}"));
}

/// <summary>Runs the analytics over scenes with known truth and scores them.</summary>
public static class Evaluator
{
    /// <summary>A tamper condition must be raised within this of its start.</summary>
    public static readonly TimeSpan TamperTolerance = TimeSpan.FromSeconds(2);

    public static EvaluationReport Run(IEnumerable<SyntheticScene> scenes, AnalyzerOptions options, Func<IObjectDetector?>? detector = null)
    {
        var perScene = new Dictionary<string, Score>();
        var perKind = new Dictionary<string, Score>();
        var notes = new List<string>();
        foreach (var scene in scenes)
        {
            var fired = new List<RuleEvent>();
            var tamper = new List<TamperChange>();
            using var used = detector?.Invoke();
            var analyzer = new CameraAnalyzer(SyntheticScene.Width, SyntheticScene.Height, SyntheticScene.Width, scene.Rules, options with { TimeZone = TimeZoneInfo.Utc }, used);
            foreach (var frame in scene.Frames())
            {
                var result = analyzer.Process(frame);
                fired.AddRange(result.Rules.Fired);
                tamper.AddRange(result.Tamper.Where(t => t.Raised));
            }

            var score = new Score();
            Match(scene, fired, score, perKind, notes);
            MatchTamper(scene, tamper, score, perKind, notes);
            perScene[scene.Name] = score;
        }

        return new EvaluationReport(perScene, perKind, notes);
    }

    private static void Match(SyntheticScene scene, List<RuleEvent> fired, Score score, Dictionary<string, Score> perKind, List<string> notes)
    {
        var unmatched = fired.ToList();
        foreach (var expected in scene.Expected)
        {
            var kind = Kind(perKind, scene.Rules.Rules.First(r => r.Id == expected.RuleId).Kind.ToString().ToLowerInvariant());
            var hit = unmatched.FirstOrDefault(e => e.RuleId == expected.RuleId && Seconds(e.Fired) >= expected.From - 1 && Seconds(e.Fired) <= expected.To);
            if (hit is null)
            {
                score.Miss();
                kind.Miss();
                notes.Add($"{scene.Name}: missed {expected.RuleId} ({expected.What}, due {expected.From:F1}–{expected.To:F1} s)");
                continue;
            }

            unmatched.Remove(hit);
            var delay = Math.Max(0, Seconds(hit.Fired) - expected.From);
            score.Hit(delay);
            kind.Hit(delay);
        }

        foreach (var extra in unmatched)
        {
            score.FalseAlarm();
            Kind(perKind, extra.Kind.ToString().ToLowerInvariant()).FalseAlarm();
            notes.Add($"{scene.Name}: {extra.RuleId} fired at {Seconds(extra.Fired):F1} s for object {extra.Track} at {extra.Box} with nothing due");
        }
    }

    private static void MatchTamper(SyntheticScene scene, List<TamperChange> raised, Score score, Dictionary<string, Score> perKind, List<string> notes)
    {
        var unmatched = raised.ToList();
        foreach (var expected in scene.ExpectedTamper)
        {
            var kind = Kind(perKind, $"tamper-{expected.Kind.ToString().ToLowerInvariant()}");
            var hit = unmatched.FirstOrDefault(c => c.Kind == expected.Kind && Seconds(c.At) >= expected.At && Seconds(c.At) <= expected.At + TamperTolerance.TotalSeconds);
            if (hit is null)
            {
                score.Miss();
                kind.Miss();
                notes.Add($"{scene.Name}: {expected.Kind} not raised within {TamperTolerance.TotalSeconds} s of {expected.At} s");
                continue;
            }

            unmatched.Remove(hit);
            score.Hit(Seconds(hit.At) - expected.At);
            kind.Hit(Seconds(hit.At) - expected.At);
        }

        foreach (var extra in unmatched)
        {
            score.FalseAlarm();
            Kind(perKind, $"tamper-{extra.Kind.ToString().ToLowerInvariant()}").FalseAlarm();
            notes.Add($"{scene.Name}: {extra.Kind} raised at {Seconds(extra.At):F1} s ({extra.Detail}) with nothing due");
        }
    }

    private static Score Kind(Dictionary<string, Score> perKind, string name) =>
        perKind.TryGetValue(name, out var score) ? score : perKind[name] = new Score();

    private static double Seconds(DateTimeOffset at) => (at - SyntheticScene.Origin).TotalSeconds;
}
