using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Static;
using Vigie.Analytics.Tracking;

namespace Vigie.Analytics.Rules;

/// <summary>
/// A rule that fired: which, for which object (a track's id; a static object's id for abandoned and removed; the
/// episode's number for a crowd), when the situation began, when the rule fired, when it ended (null while it lasts),
/// where (source pixels) and what the object was.
/// </summary>
public sealed record RuleEvent(
    string RuleId,
    string RuleName,
    RuleKind Kind,
    int Track,
    DateTimeOffset Start,
    DateTimeOffset Fired,
    DateTimeOffset? End,
    Box Box,
    ObjectClass Class);

/// <summary>What one frame changed: rules that fired, and earlier events that ended.</summary>
public sealed record RuleOutcome(IReadOnlyList<RuleEvent> Fired, IReadOnlyList<RuleEvent> Ended)
{
    public static readonly RuleOutcome None = new([], []);
}

/// <summary>
/// Evaluates a camera's rules frame after frame over the tracked objects and the static changes. A rule fires once per
/// object (and a crowd once per episode); its event ends when the object leaves the zone, disappears or is taken away.
/// Rules outside their arming schedule do not count time. <see cref="Replace"/> swaps the rules between two frames.
/// One per camera; not thread-safe.
/// </summary>
public sealed class RuleEngine
{
    private readonly TimeZoneInfo _zone;
    private readonly double _scale;
    private List<Compiled> _rules = [];

    /// <param name="scale">Source pixels per analysis pixel: rules are drawn on the source, analysis runs smaller.</param>
    public RuleEngine(RuleSet rules, double scale, TimeZoneInfo zone)
    {
        _scale = scale;
        _zone = zone;
        Replace(rules);
    }

    /// <summary>New rules from the next frame on; a rule kept by id keeps what it was counting.</summary>
    public void Replace(RuleSet rules)
    {
        rules.Validate();
        var old = _rules.ToDictionary(r => r.Rule.Id);
        _rules = rules.Rules.Where(r => r.Enabled).Select(r =>
        {
            var compiled = new Compiled(r, r.Zone.Select(p => new Point(p[0] / _scale, p[1] / _scale)).ToList(), r.Line.Select(p => new Point(p[0] / _scale, p[1] / _scale)).ToList());
            if (old.TryGetValue(r.Id, out var before) && before.Rule.Kind == r.Kind)
            {
                compiled.Take(before);
            }

            return compiled;
        }).ToList();
    }

    public RuleOutcome Evaluate(DateTimeOffset at, IReadOnlyList<Track> tracks, IReadOnlyList<StaticObject> statics)
    {
        var fired = new List<RuleEvent>();
        var ended = new List<RuleEvent>();
        foreach (var rule in _rules)
        {
            var armed = ArmingSchedule.IsArmed(rule.Rule.Schedule, at, _zone);
            switch (rule.Rule.Kind)
            {
                case RuleKind.Intrusion or RuleKind.Loitering:
                    Presence(rule, at, armed, tracks, fired, ended);
                    break;
                case RuleKind.Line:
                    Crossing(rule, at, armed, tracks, fired);
                    break;
                case RuleKind.Crowd:
                    Crowd(rule, at, armed, tracks, fired, ended);
                    break;
                case RuleKind.Abandoned or RuleKind.Removed:
                    Still(rule, at, armed, tracks, statics, fired, ended);
                    break;
            }
        }

        return fired.Count == 0 && ended.Count == 0 ? RuleOutcome.None : new RuleOutcome(fired, ended);
    }

    private void Presence(Compiled rule, DateTimeOffset at, bool armed, IReadOnlyList<Track> tracks, List<RuleEvent> fired, List<RuleEvent> ended)
    {
        var live = new HashSet<int>();
        foreach (var track in tracks)
        {
            live.Add(track.Id);
            var state = rule.For(track.Id);
            var inside = armed && rule.Counts(track.Class) && rule.Inside(track.Foot);
            if (!inside)
            {
                if (track.Seen || !armed)
                {
                    End(rule, state, at, ended);
                    state.Entered = null;
                }

                continue;
            }

            state.Entered ??= at;
            if (state.Open is null && !state.Done && at - state.Entered.Value >= TimeSpan.FromSeconds(rule.Rule.DwellSeconds))
            {
                state.Open = Event(rule, track.Id, state.Entered.Value, at, track.Box, track.Class);
                state.Done = true;
                fired.Add(state.Open);
            }
            else if (state.Open is not null)
            {
                state.Open = state.Open with { Box = ToSource(track.Box) };
            }
        }

        rule.Forget(live, at, ended);
    }

    private void Crossing(Compiled rule, DateTimeOffset at, bool armed, IReadOnlyList<Track> tracks, List<RuleEvent> fired)
    {
        var (a, b) = (rule.Line[0], rule.Line[1]);
        var live = new HashSet<int>();
        foreach (var track in tracks)
        {
            live.Add(track.Id);
            var state = rule.For(track.Id);
            var side = Math.Sign(Geometry.Side(a, b, track.Foot));
            if (side == 0)
            {
                continue;
            }

            // Crossing is judged from the last side the object was clearly on, so that a halt on the line still counts.
            var before = state.Side;
            state.Side = side;
            if (before == 0 || before == side || !armed || !rule.Counts(track.Class) || state.Done
                || !Geometry.Crosses(state.From, track.Foot, a, b))
            {
                state.From = track.Foot;
                continue;
            }

            state.From = track.Foot;
            // y grows downwards: on the picture, the left of the arrow A→B is the negative side.
            var direction = before < 0 ? CrossingDirection.LeftToRight : CrossingDirection.RightToLeft;
            if (rule.Rule.Direction == CrossingDirection.Both || rule.Rule.Direction == direction)
            {
                state.Done = true;
                fired.Add(Event(rule, track.Id, at, at, track.Box, track.Class) with { End = at });
            }
        }

        rule.Forget(live, at, ended: null);
    }

    private void Crowd(Compiled rule, DateTimeOffset at, bool armed, IReadOnlyList<Track> tracks, List<RuleEvent> fired, List<RuleEvent> ended)
    {
        var state = rule.For(0);
        var inside = armed
            ? tracks.Where(t => t.Class == ObjectClass.Person && rule.Inside(t.Foot)).ToList()
            : [];
        if (inside.Count > rule.Rule.Count)
        {
            state.Left = null;
            state.Entered ??= at;
            var box = inside.Select(t => t.Box).Aggregate(Geometry.Union);
            if (state.Open is null && at - state.Entered.Value >= TimeSpan.FromSeconds(rule.Rule.DwellSeconds))
            {
                state.Open = Event(rule, ++rule.Episodes, state.Entered.Value, at, box, ObjectClass.Person);
                fired.Add(state.Open);
            }
            else if (state.Open is not null)
            {
                state.Open = state.Open with { Box = ToSource(box) };
            }

            return;
        }

        // The crowd thins out: it is over once it has stayed under the count for two seconds (people hidden a moment).
        state.Left ??= at;
        if (!armed || at - state.Left.Value >= TimeSpan.FromSeconds(2))
        {
            End(rule, state, state.Left.Value, ended);
            state.Entered = null;
        }
    }

    private void Still(Compiled rule, DateTimeOffset at, bool armed, IReadOnlyList<Track> tracks, IReadOnlyList<StaticObject> statics, List<RuleEvent> fired, List<RuleEvent> ended)
    {
        var wanted = rule.Rule.Kind == RuleKind.Abandoned ? StaticKind.Added : StaticKind.Removed;
        var live = new HashSet<int>();
        foreach (var item in statics)
        {
            live.Add(item.Id);
            if (item.Kind != wanted || !armed || !rule.Inside(Geometry.Centre(item.Box)))
            {
                continue;
            }

            var state = rule.For(item.Id);
            // A person standing there is someone waiting, not a thing left: wait for them to go. (The thing itself is
            // a moving region for a while, tracked as an object: that one does not count.)
            var covered = tracks.Any(t => t.Seen && t.Class == ObjectClass.Person && t.Box.Overlap(item.Box) > 0.3);
            if (state.Open is null && !state.Done && !covered && at - item.Since >= TimeSpan.FromSeconds(rule.Rule.DwellSeconds))
            {
                state.Open = Event(rule, item.Id, item.Since, at, item.Box, ObjectClass.Object);
                state.Done = true;
                fired.Add(state.Open);
            }
        }

        rule.Forget(live, at, ended);
    }

    private RuleEvent Event(Compiled rule, int track, DateTimeOffset start, DateTimeOffset at, Box box, ObjectClass kind) =>
        new(rule.Rule.Id, rule.Rule.Name, rule.Rule.Kind, track, start, at, null, ToSource(box), kind);

    private Box ToSource(Box box) => Geometry.Scale(box, _scale);

    private static void End(Compiled rule, State state, DateTimeOffset at, List<RuleEvent>? ended)
    {
        if (state.Open is not null)
        {
            ended?.Add(state.Open with { End = at });
            state.Open = null;
        }
    }

    private sealed class State
    {
        public DateTimeOffset? Entered;
        public DateTimeOffset? Left;
        public RuleEvent? Open;
        public bool Done;
        public int Side;
        public Point From;
    }

    private sealed class Compiled(Rule rule, IReadOnlyList<Point> zone, IReadOnlyList<Point> line)
    {
        private Dictionary<int, State> _states = [];

        public Rule Rule { get; } = rule;

        public IReadOnlyList<Point> Line { get; } = line;

        public int Episodes;

        public bool Inside(Point point) => zone.Count == 0 || Geometry.Contains(zone, point);

        public bool Counts(ObjectClass kind) => Rule.Classes.Count == 0 || Rule.Classes.Contains(kind);

        public State For(int id) => _states.TryGetValue(id, out var state) ? state : _states[id] = new State();

        public void Take(Compiled before)
        {
            _states = before._states;
            Episodes = before.Episodes;
        }

        /// <summary>Objects gone from the picture: their open events end, their state is dropped.</summary>
        public void Forget(HashSet<int> live, DateTimeOffset at, List<RuleEvent>? ended)
        {
            foreach (var id in _states.Keys.Where(k => !live.Contains(k)).ToList())
            {
                End(this, _states[id], at, ended);
                _states.Remove(id);
            }
        }
    }
}
