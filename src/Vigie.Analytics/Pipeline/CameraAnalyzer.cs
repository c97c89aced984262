using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Rules;
using Vigie.Analytics.Static;
using Vigie.Analytics.Tamper;
using Vigie.Analytics.Tracking;

namespace Vigie.Analytics.Pipeline;

/// <summary>How one camera is analysed, beyond its rules.</summary>
public sealed record AnalyzerOptions
{
    public MotionOptions Motion { get; init; } = new();

    public TrackerOptions Tracker { get; init; } = new();

    public StaticOptions Static { get; init; } = new();

    public TamperOptions Tamper { get; init; } = new();

    /// <summary>Installation's local time, for arming schedules.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>
    /// A region whose last search found a person is searched again after this long (at once when its size changes or
    /// a second object joins it). Zero, the default: every frame, for people walking together are told apart only by
    /// the detector (on vtest.avi 0.4 s missed one of a couple walking onto the lawn; docs/benchmarks.md).
    /// </summary>
    public TimeSpan RecheckPerson { get; init; } = TimeSpan.Zero;

    /// <summary>A region whose last search found nobody is searched again after this long (at once when it changes), meanwhile classed by its shape.</summary>
    public TimeSpan RecheckObject { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>What one frame gave: motion (source pixels), the tracked objects, rule events and tamper changes.</summary>
public sealed record FrameAnalysis(
    DateTimeOffset At,
    double MotionLevel,
    IReadOnlyList<Box> MotionBoxes,
    IReadOnlyList<TrackView> Tracks,
    RuleOutcome Rules,
    IReadOnlyList<TamperChange> Tamper);

/// <summary>A tracked object as the world sees it: id, class and box in source pixels.</summary>
public sealed record TrackView(int Id, ObjectClass Class, Box Box);

/// <summary>
/// One camera's analytics, frame after frame: motion, then objects found in the moving regions (a detector when one
/// is given, else the regions' shape), tracked, left and removed objects, the rules over them, and tamper. Frames
/// are analysis-sized (320 px wide by default); rules and results are in the source's pixels. Not thread-safe: one
/// caller at a time; <see cref="Replace"/> may be called between frames.
/// </summary>
public sealed class CameraAnalyzer
{
    private readonly AnalyzerOptions _options;
    private readonly IObjectDetector? _detector;
    private readonly int _width;
    private readonly int _height;
    private readonly double _scale;
    private readonly Tracker _tracker;
    private readonly DetectorSchedule _schedule;
    private readonly StaticChangeDetector _statics;
    private readonly TamperDetector _tamper;
    private readonly RuleEngine _rules;
    private MotionDetector _motion;
    private RuleSet? _pending;

    /// <param name="sourceWidth">Width of the camera's picture, which rules are drawn on.</param>
    public CameraAnalyzer(int width, int height, int sourceWidth, RuleSet rules, AnalyzerOptions options, IObjectDetector? detector = null)
    {
        _options = options;
        _detector = detector;
        _width = width;
        _height = height;
        _scale = (double)sourceWidth / width;
        _tracker = new Tracker(options.Tracker);
        _schedule = new DetectorSchedule(options);
        _statics = new StaticChangeDetector(width, height, options.Static);
        _tamper = new TamperDetector(options.Tamper);
        _rules = new RuleEngine(rules, _scale, options.TimeZone);
        _motion = new MotionDetector(width, height, options.Motion, Mask(rules));
    }

    /// <summary>New rules (and ignored areas) from the next frame on.</summary>
    public void Replace(RuleSet rules)
    {
        rules.Validate();
        Volatile.Write(ref _pending, rules);
    }

    /// <param name="detail">The same picture larger, for the detector (people are small at 320 px); null uses <paramref name="frame"/>.</param>
    public FrameAnalysis Process(GrayFrame frame, GrayFrame? detail = null)
    {
        if (Interlocked.Exchange(ref _pending, null) is { } next)
        {
            _rules.Replace(next);
            _motion = new MotionDetector(_width, _height, _options.Motion, Mask(next));
        }

        var tamper = _tamper.Process(frame);
        var motion = _motion.Process(frame);
        var tampered = _tamper.Raised.Any();
        var (detections, searched) = motion.Boxes.Count == 0 || tampered ? ([], []) : Detect(frame, detail, motion.Boxes);
        var tracks = _tracker.Update(frame.At, detections);
        _schedule.Searched(frame.At, searched, _tracker.All);
        var statics = _statics.Process(frame, relearn: motion.LightingChange || tampered);
        var outcome = tampered ? RuleOutcome.None : _rules.Evaluate(frame.At, tracks, statics);
        return new FrameAnalysis(
            frame.At,
            motion.Level,
            motion.Boxes.Select(b => Geometry.Scale(b, _scale)).ToList(),
            tracks.Where(t => t.Seen).Select(t => new TrackView(t.Id, t.Class, Geometry.Scale(t.Box, _scale))).ToList(),
            outcome,
            tamper);
    }

    /// <summary>What the moving regions are, and the regions the detector searched for it.</summary>
    private (List<Detection> Detections, List<Box> Searched) Detect(GrayFrame frame, GrayFrame? detail, IReadOnlyList<Box> regions)
    {
        if (_detector is null)
        {
            return ([.. regions.Select(b => ShapeClassifier.Classify(b, _width, _height))], []);
        }

        var (search, known) = _schedule.Split(frame.At, regions, _tracker.All, _width, _height);
        if (search.Count == 0)
        {
            return (known, search);
        }

        if (detail is null || detail.Width == frame.Width)
        {
            return ([.. known, .. _detector.Detect(frame, search)], search);
        }

        var factor = (double)detail.Width / frame.Width;
        return ([.. known, .. _detector.Detect(detail, [.. search.Select(r => Geometry.Scale(r, factor))]).Select(d => d with { Box = Geometry.Scale(d.Box, 1 / factor) })], search);
    }

    /// <summary>No frame came: video lost after the delay.</summary>
    public IReadOnlyList<TamperChange> Tick(DateTimeOffset now) => _tamper.Tick(now);

    /// <summary>The ignored areas as a pixel mask at analysis size.</summary>
    private byte[]? Mask(RuleSet rules)
    {
        if (rules.Ignore.Count == 0)
        {
            return null;
        }

        var polygons = rules.Ignore.Select(p => p.Select(q => new Point(q[0] / _scale, q[1] / _scale)).ToList()).ToList();
        var mask = new byte[_width * _height];
        for (var y = 0; y < _height; y++)
        {
            for (var x = 0; x < _width; x++)
            {
                var point = new Point(x + 0.5, y + 0.5);
                if (polygons.Any(p => Geometry.Contains(p, point)))
                {
                    mask[(y * _width) + x] = 1;
                }
            }
        }

        return mask;
    }
}
