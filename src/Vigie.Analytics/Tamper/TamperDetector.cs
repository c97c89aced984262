using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Tamper;

/// <summary>What is wrong with a camera's view.</summary>
public enum TamperKind
{
    /// <summary>The lens covered or blinded: a flat picture, dark or white.</summary>
    Covered,

    /// <summary>The picture lost its sharpness (defocused, sprayed, fogged).</summary>
    Defocused,

    /// <summary>The view shifted against the reference picture (the camera turned or moved).</summary>
    Moved,

    /// <summary>No picture for a while.</summary>
    VideoLost,
}

/// <summary>A tamper condition that began (<see cref="Raised"/>) or cleared.</summary>
public sealed record TamperChange(TamperKind Kind, bool Raised, DateTimeOffset At, string Detail);

/// <summary>How tampering is judged.</summary>
public sealed record TamperOptions
{
    /// <summary>A condition must last this long before it is raised, and be gone this long before it clears.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The reference picture is learned over this long once the camera starts.</summary>
    public TimeSpan Learn { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>No frame for this long is video lost.</summary>
    public TimeSpan VideoLostAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A picture whose grey levels spread less than this (standard deviation) is flat: covered or blinded.</summary>
    public double FlatBelow { get; init; } = 10;

    /// <summary>Sharpness below this share of the reference's is defocus.</summary>
    public double SharpnessBelow { get; init; } = 0.45;

    /// <summary>Likeness of the edges to the reference's below this (−1–1) is a moved view.</summary>
    public double LikenessBelow { get; init; } = 0.45;
}

/// <summary>
/// Camera tamper from the analysis frames: a flat picture (covered, blinded), sharpness far below the reference's
/// (defocused), the picture's coarse edges no longer like the reference's (moved), and no frame at all (video lost).
/// The reference is learned at start and follows the scene slowly while all is well, so dusk and weather do not
/// drift into an alarm; each condition must last <see cref="TamperOptions.Hold"/> before it is raised and clears
/// by itself. One per camera; not thread-safe.
/// </summary>
public sealed class TamperDetector(TamperOptions options)
{
    private const int Grid = 16;
    private readonly Dictionary<TamperKind, Condition> _conditions = Enum.GetValues<TamperKind>().ToDictionary(k => k, _ => new Condition());
    private double[]? _reference;
    private double _referenceSharpness;
    private DateTimeOffset? _learningSince;
    private int _learned;
    private DateTimeOffset? _lastFrame;
    private PictureMeasures? _measures;
    private int _measuredWidth;
    private int _measuredHeight;

    /// <summary>Conditions raised now.</summary>
    public IEnumerable<TamperKind> Raised => _conditions.Where(c => c.Value.Raised).Select(c => c.Key);

    /// <summary>Drops the reference: the next seconds of picture become it (after a camera was deliberately re-aimed).</summary>
    public void Relearn()
    {
        _reference = null;
        _learningSince = null;
        _learned = 0;
    }

    public IReadOnlyList<TamperChange> Process(GrayFrame frame)
    {
        var changes = new List<TamperChange>();
        _lastFrame = frame.At;
        Judge(TamperKind.VideoLost, false, frame.At, "", changes);

        if (_measures is null || _measuredWidth != frame.Width || _measuredHeight != frame.Height)
        {
            (_measures, _measuredWidth, _measuredHeight) = (new PictureMeasures(frame.Width, frame.Height, Grid), frame.Width, frame.Height);
        }

        var edges = new double[Grid * Grid];
        var (mean, spread, sharpness) = _measures.Measure(frame.Pixels, edges);
        var flat = spread < options.FlatBelow;
        if (_reference is null || (_learningSince is { } since && frame.At - since < options.Learn))
        {
            Learn(edges, sharpness, frame.At, first: _reference is null);
            return changes;
        }

        _learningSince = null;
        var sharpRatio = _referenceSharpness > 0 ? sharpness / _referenceSharpness : 1;
        var likeness = Correlation(edges, _reference);
        var defocused = !flat && sharpRatio < options.SharpnessBelow;
        var moved = !flat && !defocused && likeness < options.LikenessBelow;
        Judge(TamperKind.Covered, flat, frame.At, mean < 128 ? $"picture dark and flat (mean {mean:F0}, spread {spread:F1})" : $"picture white and flat (mean {mean:F0}, spread {spread:F1})", changes);
        Judge(TamperKind.Defocused, defocused, frame.At, $"sharpness {sharpRatio:P0} of the reference", changes);
        Judge(TamperKind.Moved, moved, frame.At, $"view {likeness:F2} like the reference", changes);
        if (!_conditions.Values.Any(c => c.Raised || c.Since is not null))
        {
            // All is well: the reference follows the scene slowly (a minute or so at 5 fps).
            for (var i = 0; i < edges.Length; i++)
            {
                _reference[i] += (edges[i] - _reference[i]) * 0.003;
            }

            _referenceSharpness += (sharpness - _referenceSharpness) * 0.003;
        }

        return changes;
    }

    /// <summary>Called when no frame arrives (by the frame source's clock): raises video lost past the delay.</summary>
    public IReadOnlyList<TamperChange> Tick(DateTimeOffset now)
    {
        var changes = new List<TamperChange>();
        if (_lastFrame is { } last && now - last >= options.VideoLostAfter && !_conditions[TamperKind.VideoLost].Raised)
        {
            _conditions[TamperKind.VideoLost].Raised = true;
            changes.Add(new TamperChange(TamperKind.VideoLost, true, now, $"no picture since {(now - last).TotalSeconds:F0} s"));
        }

        return changes;
    }

    private void Learn(double[] edges, double sharpness, DateTimeOffset at, bool first)
    {
        if (first)
        {
            _reference = edges;
            _referenceSharpness = sharpness;
            _learningSince = at;
            _learned = 1;
            return;
        }

        _learned++;
        for (var i = 0; i < edges.Length; i++)
        {
            _reference![i] += (edges[i] - _reference[i]) / _learned;
        }

        _referenceSharpness += (sharpness - _referenceSharpness) / _learned;
    }

    private void Judge(TamperKind kind, bool now, DateTimeOffset at, string detail, List<TamperChange> changes)
    {
        var condition = _conditions[kind];
        if (now == condition.Raised)
        {
            condition.Since = null;
            return;
        }

        condition.Since ??= at;
        if (kind == TamperKind.VideoLost || at - condition.Since.Value >= options.Hold)
        {
            condition.Raised = now;
            condition.Since = null;
            changes.Add(new TamperChange(kind, now, at, now ? detail : "cleared"));
        }
    }

    /// <summary>Pearson correlation of two edge maps (1 the same layout, 0 unrelated).</summary>
    private static double Correlation(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }

        return aa <= 0 || bb <= 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    private sealed class Condition
    {
        public bool Raised;
        public DateTimeOffset? Since;
    }
}
