using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Rules;
using Vigie.Analytics.Tamper;
using Vigie.Analytics.Tracking;

namespace Vigie.Analytics.Tests;

/// <summary>Rules on tracked objects given directly (no pixels): directions, dwell, schedules, edits, validation.</summary>
public sealed class RuleTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_line_fires_once_per_object_and_only_in_its_direction()
    {
        var rules = new RuleSet { Rules = [new Rule { Id = "east", Kind = RuleKind.Line, Line = [[100, 200], [100, 0]], Direction = CrossingDirection.LeftToRight }] };
        var fired = Walk(rules, from: 40, to: 160, y: 100).Concat(Walk(rules, from: 160, to: 40, y: 100)).ToList();
        var single = Assert.Single(fired);
        Assert.Equal("east", single.RuleId);
        Assert.Equal(single.Fired, single.End);

        // Back and forth past the line: still one event for that object.
        var engine = new RuleEngine(rules, 1, TimeZoneInfo.Utc);
        var tracker = new Tracker(new TrackerOptions { ConfirmAfter = 1 });
        var count = 0;
        for (var i = 0; i < 60; i++)
        {
            var x = 100 + (int)(40 * Math.Sin(i / 5.0));
            count += engine.Evaluate(Monday.AddSeconds(i * 0.2), tracker.Update(Monday.AddSeconds(i * 0.2), [new Detection(new Box(x - 5, 70, 10, 30), ObjectClass.Person, 1)]), []).Fired.Count;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public void Intrusion_needs_its_dwell_and_its_classes_and_ends_when_the_object_leaves()
    {
        var rules = new RuleSet { Rules = [new Rule { Id = "zone", Kind = RuleKind.Intrusion, Zone = [[100, 0], [200, 0], [200, 200], [100, 200]], Classes = [ObjectClass.Person], DwellSeconds = 2 }] };
        var engine = new RuleEngine(rules, 1, TimeZoneInfo.Utc);
        var tracker = new Tracker(new TrackerOptions { ConfirmAfter = 1 });
        var events = new List<(double At, RuleEvent Event, bool Fired)>();
        for (var i = 0; i < 50; i++)
        {
            var at = Monday.AddSeconds(i * 0.2);
            var x = 50 + (i * 4);
            var outcome = engine.Evaluate(at, tracker.Update(at, [new Detection(new Box(x - 5, 150, 10, 30), ObjectClass.Person, 1), new Detection(new Box(140, 100, 40, 20), ObjectClass.Vehicle, 1)]), []);
            events.AddRange(outcome.Fired.Select(e => (i * 0.2, e, true)));
            events.AddRange(outcome.Ended.Select(e => (i * 0.2, e, false)));
        }

        // The person's foot enters at x = 100 (frame 13, 2.6 s) and leaves at x = 200 (frame 38, 7.6 s); the vehicle never counts.
        var fired = Assert.Single(events, e => e.Fired);
        Assert.Equal(2.6 + 2, fired.At, 1);
        var ended = Assert.Single(events, e => !e.Fired);
        Assert.Equal(7.6, ended.At, 1);
        Assert.Equal(fired.Event.Track, ended.Event.Track);
    }

    [Theory]
    [InlineData("2026-12-07T20:00:00+01:00", true)] // Monday evening, inside 19:00–07:00
    [InlineData("2026-12-08T06:59:00+01:00", true)] // Tuesday early: the small hours of Monday's period
    [InlineData("2026-12-08T07:00:00+01:00", false)]
    [InlineData("2026-12-07T12:00:00+01:00", false)]
    [InlineData("2026-12-12T03:00:00+01:00", true)] // Saturday night: the weekend, all day
    [InlineData("2026-12-07T06:00:00+01:00", false)] // Monday early: Sunday's night is not armed
    public void Arming_schedules_run_past_midnight_in_local_time(string instant, bool armed)
    {
        var schedule = new ArmingPeriod[]
        {
            new() { Days = ["mon", "tue", "wed", "thu", "fri"], From = "19:00", To = "07:00" },
            new() { Days = ["sat"], From = "00:00", To = "24:00" },
        };
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Equal(armed, ArmingSchedule.IsArmed(schedule, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), paris));
    }

    [Fact]
    public void Invalid_rules_are_refused_naming_each_problem()
    {
        var error = Assert.Throws<RuleException>(() => RuleSet.Parse("""
            { "rules": [
              { "id": "a", "kind": "intrusion", "zone": [[0, 0], [1, 1]] },
              { "id": "a", "kind": "loitering" },
              { "id": "c", "kind": "crowd", "schedule": [ { "days": ["mo"], "from": "25:00" } ] }
            ] }
            """));
        Assert.Contains("rule 'a': a zone needs at least three points", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule 'a': the id is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("a loitering rule needs dwellSeconds above 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("a crowd rule needs count of at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'mo' is not a day", error.Message, StringComparison.Ordinal);
        Assert.Contains("schedule times are HH:mm", error.Message, StringComparison.Ordinal);
        Assert.Contains("dwelSeconds", Assert.Throws<RuleException>(() => RuleSet.Parse("{ \"rules\": [ { \"id\": \"x\", \"kind\": \"intrusion\", \"dwelSeconds\": 3 } ] }")).Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Assert.Throws<RuleException>(() => RuleSet.Parse("{ \"rules\": [ { \"kind\": \"teleport\" } ] }")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Badly_drawn_shapes_and_unknown_classes_are_refused_naming_the_rule_and_nothing_is_applied()
    {
        // A bow tie (self-crossing), a line of zero length, a zone past a 768×576 picture, a flat zone.
        var error = Assert.Throws<RuleException>(() => RuleSet.Parse("""
            { "rules": [
                { "id": "noeud", "kind": "intrusion", "zone": [[0, 0], [100, 100], [100, 0], [0, 100]] },
                { "id": "point", "kind": "line", "line": [[50, 50], [50, 50]] },
                { "id": "dehors", "kind": "intrusion", "zone": [[600, 400], [900, 400], [900, 600], [600, 600]] },
                { "id": "plat", "kind": "intrusion", "zone": [[0, 0], [10, 10], [20, 20]] },
                { "id": "bon", "kind": "intrusion", "zone": [[10, 10], [200, 10], [200, 200]] }
              ],
              "ignore": [ [[0, 0], [50, 50], [50, 0], [0, 50]] ] }
            """, width: 768, height: 576)).Message;
        Assert.Contains("rule 'noeud': the zone crosses itself", error, StringComparison.Ordinal);
        Assert.Contains("rule 'point': the line has zero length", error, StringComparison.Ordinal);
        Assert.Contains("rule 'dehors': the zone has a point outside the picture (900, 400); the camera's picture is 768×576", error, StringComparison.Ordinal);
        Assert.Contains("rule 'plat': the zone encloses no area", error, StringComparison.Ordinal);
        Assert.Contains("ignore area 1: the area crosses itself", error, StringComparison.Ordinal);
        Assert.DoesNotContain("'bon'", error, StringComparison.Ordinal);

        // Without the picture's size only negative points are outside it.
        Assert.Single(RuleSet.Parse("""{ "rules": [ { "id": "grand", "zone": [[600, 400], [900, 400], [900, 600]] } ] }""").Rules);
        Assert.Contains("rule 'neg'", Assert.Throws<RuleException>(() => RuleSet.Parse("""{ "rules": [ { "id": "neg", "zone": [[-5, 0], [90, 0], [90, 60]] } ] }""")).Message, StringComparison.Ordinal);

        // An unknown class (or kind) names its rule, whatever the JSON reader says.
        var unknown = Assert.Throws<RuleException>(() => RuleSet.Parse("""{ "rules": [ { "id": "a", "zone": [] }, { "id": "velo", "kind": "intrusion", "classes": ["bicycle"] } ] }""")).Message;
        Assert.StartsWith("rule 'velo': ", unknown, StringComparison.Ordinal);
        Assert.Contains("classes", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_round_trip_through_json()
    {
        var set = new RuleSet
        {
            Rules = [new Rule { Id = "l", Name = "Portail", Kind = RuleKind.Line, Line = [[1, 2], [3, 4]], Direction = CrossingDirection.RightToLeft, Classes = [ObjectClass.Vehicle], Schedule = [new ArmingPeriod { Days = ["sun"], From = "22:00", To = "06:00" }] }],
            Ignore = [[[0, 0], [5, 0], [5, 5]]],
        };
        var json = set.ToJson();
        Assert.Contains("\"right-to-left\"", json, StringComparison.Ordinal);
        Assert.Contains("\"vehicle\"", json, StringComparison.Ordinal);
        var back = RuleSet.Parse(json);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void A_switched_off_intrusion_rule_stays_switched_off_and_says_its_kind_once_stored()
    {
        // Both are their type's default (false, the first kind): a stored rule must still say them.
        var stored = RuleSet.Parse("""{ "rules": [ { "id": "z", "kind": "intrusion", "enabled": false } ] }""").ToJson();
        var rule = System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("rules")[0];
        Assert.Equal("intrusion", rule.GetProperty("kind").GetString());
        Assert.False(rule.GetProperty("enabled").GetBoolean());
        Assert.False(Assert.Single(RuleSet.Parse(stored).Rules).Enabled);
    }

    [Fact]
    public void A_rule_edited_between_frames_applies_to_the_next_frame()
    {
        var analyzer = new CameraAnalyzer(64, 48, 64, new RuleSet(), new AnalyzerOptions { Tracker = new TrackerOptions { ConfirmAfter = 1 }, TimeZone = TimeZoneInfo.Utc });
        var background = new byte[64 * 48];
        for (var i = 0; i < background.Length; i++)
        {
            background[i] = (byte)(80 + (i * 7 % 23));
        }

        analyzer.Process(new GrayFrame(64, 48, background, Monday));
        var withPerson = background.ToArray();
        for (var y = 20; y < 44; y++)
        {
            for (var x = 30; x < 38; x++)
            {
                withPerson[(y * 64) + x] = 10;
            }
        }

        Assert.Empty(analyzer.Process(new GrayFrame(64, 48, withPerson, Monday.AddSeconds(0.2))).Rules.Fired);
        analyzer.Replace(new RuleSet { Rules = [new Rule { Id = "all", Kind = RuleKind.Intrusion }] });
        var next = analyzer.Process(new GrayFrame(64, 48, withPerson, Monday.AddSeconds(0.4)));
        Assert.Equal("all", Assert.Single(next.Rules.Fired).RuleId);
    }

    [Fact]
    public void Video_lost_is_raised_once_after_the_delay_and_cleared_by_the_next_frame()
    {
        var tamper = new TamperDetector(new TamperOptions { VideoLostAfter = TimeSpan.FromSeconds(5) });
        var frame = new GrayFrame(16, 16, Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), Monday);
        Assert.Empty(tamper.Process(frame));
        Assert.Empty(tamper.Tick(Monday.AddSeconds(4)));
        Assert.Equal(TamperKind.VideoLost, Assert.Single(tamper.Tick(Monday.AddSeconds(5))).Kind);
        Assert.Empty(tamper.Tick(Monday.AddSeconds(9)));
        var back = Assert.Single(tamper.Process(new GrayFrame(16, 16, frame.Pixels, Monday.AddSeconds(10))));
        Assert.Equal((TamperKind.VideoLost, false), (back.Kind, back.Raised));
    }

    private static IEnumerable<RuleEvent> Walk(RuleSet rules, int from, int to, int y)
    {
        var engine = new RuleEngine(rules, 1, TimeZoneInfo.Utc);
        var tracker = new Tracker(new TrackerOptions { ConfirmAfter = 1 });
        var steps = Math.Abs(to - from) / 4;
        for (var i = 0; i <= steps; i++)
        {
            var at = Monday.AddSeconds(i * 0.2);
            var x = from + (Math.Sign(to - from) * i * 4);
            foreach (var e in engine.Evaluate(at, tracker.Update(at, [new Detection(new Box(x - 5, y - 30, 10, 30), ObjectClass.Person, 1)]), []).Fired)
            {
                yield return e;
            }
        }
    }
}
