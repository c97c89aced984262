using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Rules;
using Vigie.Analytics.Tamper;

namespace Vigie.Analytics.Evaluation;

/// <summary>
/// The synthetic evaluation set: one scene per rule kind and per tamper, plus a scene of noise and lighting alone.
/// Each scene is generated from a seed (the layout of the background, who wears what); the ground truth is computed
/// from the actors' paths, not from what any detector saw.
/// </summary>
public static class SceneLibrary
{
    private static readonly double[][] RightHalf = [[200, 120], [319, 120], [319, 239], [200, 239]];
    private static readonly double[][] Middle = [[80, 80], [240, 80], [240, 239], [80, 239]];
    private static readonly double[][] Whole = [[0, 0], [319, 0], [319, 239], [0, 239]];

    /// <summary>Every scene for <paramref name="seeds"/> variations (the quick run uses one).</summary>
    public static IEnumerable<SyntheticScene> All(int seeds)
    {
        for (var seed = 1; seed <= seeds; seed++)
        {
            yield return IntrusionAndLine(seed);
            yield return Loitering(seed);
            yield return Abandoned(seed);
            yield return Removed(seed);
            yield return Crowd(seed);
            yield return LightingAndNoise(seed);
            yield return Tampered(seed, TamperKind.Covered);
            yield return Tampered(seed, TamperKind.Defocused);
            yield return Tampered(seed, TamperKind.Moved);
        }
    }

    private static readonly Rule IntrusionRule = new() { Id = "intrusion", Kind = RuleKind.Intrusion, Zone = RightHalf, Classes = [ObjectClass.Person], DwellSeconds = 0.5 };
    private static readonly Rule LineRule = new() { Id = "line", Kind = RuleKind.Line, Line = [[160, 239], [160, 100]], Direction = CrossingDirection.LeftToRight, Classes = [ObjectClass.Person] };
    private static readonly Rule LoiteringRule = new() { Id = "loitering", Kind = RuleKind.Loitering, Zone = Middle, DwellSeconds = 20 };
    private static readonly Rule AbandonedRule = new() { Id = "abandoned", Kind = RuleKind.Abandoned, Zone = Whole, DwellSeconds = 15 };
    private static readonly Rule RemovedRule = new() { Id = "removed", Kind = RuleKind.Removed, Zone = Whole, DwellSeconds = 10 };
    private static readonly Rule CrowdRule = new() { Id = "crowd", Kind = RuleKind.Crowd, Zone = Middle, Count = 4, DwellSeconds = 3 };

    /// <summary>Every rule kind at once: what a scene with none of their situations must not fire.</summary>
    public static RuleSet Everything() => new() { Rules = [IntrusionRule, LineRule, LoiteringRule, AbandonedRule, RemovedRule, CrowdRule] };

    private static byte Clothes(Random random) => (byte)(random.Next(2) == 0 ? random.Next(20, 55) : random.Next(200, 240));

    private static SyntheticScene IntrusionAndLine(int seed)
    {
        var random = new Random(seed);
        var y1 = 190 + random.Next(0, 30);
        var y2 = 150 + random.Next(0, 20);
        // Left to right across the line and into the zone; back right to left (the wrong way for the line); a van in the zone.
        var first = new Actor([(5, -10, y1), (25, 330, y1)], 14, 44, Clothes(random));
        var second = new Actor([(30, 330, y2), (50, -10, y2)], 14, 44, Clothes(random));
        var van = new Actor([(54, 330, 236), (66, -40, 236)], 56, 26, (byte)random.Next(20, 60), Person: false);
        var zone = RightHalf.Select(p => new Point(p[0], p[1])).ToList();
        var firstIn = FirstInside(first, zone);
        var secondIn = FirstInside(second, zone);
        var crossed = Crossing(first, 160);
        return new SyntheticScene
        {
            Name = $"intrusion-line-{seed}",
            Seed = seed,
            Seconds = 70,
            // Nobody stays 20 s in the middle, nothing is left or taken, never more than one person: those must stay silent.
            Rules = Everything(),
            Actors = [first, second, van],
            Expected =
            [
                new("intrusion", firstIn + 0.5, firstIn + 3, "walker entering the zone"),
                new("intrusion", secondIn + 0.5, secondIn + 3, "walker coming back through the zone"),
                new("line", crossed, crossed + 2, "walker crossing left to right"),
            ],
        };
    }

    private static SyntheticScene Loitering(int seed)
    {
        var random = new Random(seed + 100);
        // One person lingers in the middle, wandering; another walks through.
        var path = new List<(double, double, double)> { (5, -10, 200) };
        var t = 12.0;
        path.Add((t, 120, 200));
        while (t < 50)
        {
            t += 4;
            path.Add((t, random.Next(110, 210), random.Next(130, 225)));
        }

        path.Add((t + 8, 340, 210));
        var lingerer = new Actor(path, 14, 44, Clothes(random));
        var passer = new Actor([(20, 330, 160), (36, -10, 160)], 14, 44, Clothes(random));
        var zone = Middle.Select(p => new Point(p[0], p[1])).ToList();
        var entered = FirstInside(lingerer, zone);
        return new SyntheticScene
        {
            Name = $"loitering-{seed}",
            Seed = seed,
            Seconds = 75,
            Rules = new RuleSet { Rules = [LoiteringRule, IntrusionRule with { Zone = Middle }] },
            Actors = [lingerer, passer],
            Expected =
            [
                new("loitering", entered + 20, entered + 24, "person lingering in the zone"),
                new("intrusion", FirstInside(lingerer, zone) + 0.5, FirstInside(lingerer, zone) + 3, "the lingerer entering the zone"),
                new("intrusion", FirstInside(passer, zone) + 0.5, FirstInside(passer, zone) + 3, "the passer entering the zone"),
            ],
        };
    }

    private static SyntheticScene Abandoned(int seed)
    {
        var random = new Random(seed + 200);
        var x = 130 + random.Next(0, 40);
        var owner = new Actor([(5, -10, 200), (15, x, 200), (17, x, 200), (27, -10, 200)], 14, 44, Clothes(random));
        var bag = new Prop(new Box(x + 8, 186, 16, 14), 16, 1000, (byte)random.Next(20, 60));
        return new SyntheticScene
        {
            Name = $"abandoned-{seed}",
            Seed = seed,
            Seconds = 60,
            Rules = new RuleSet { Rules = [AbandonedRule, RemovedRule] },
            Actors = [owner],
            Props = [bag],
            Expected = [new("abandoned", 16 + 15, 16 + 15 + 6, "bag left behind")],
        };
    }

    private static SyntheticScene Removed(int seed)
    {
        var random = new Random(seed + 300);
        var x = 130 + random.Next(0, 40);
        var taker = new Actor([(10, 330, 205), (20, x + 30, 205), (22, x + 30, 205), (32, 330, 205)], 14, 44, Clothes(random));
        var crate = new Prop(new Box(x, 180, 24, 20), 0, 21, (byte)random.Next(180, 230));
        return new SyntheticScene
        {
            Name = $"removed-{seed}",
            Seed = seed,
            Seconds = 60,
            Rules = new RuleSet { Rules = [AbandonedRule, RemovedRule] },
            Actors = [taker],
            Props = [crate],
            Expected = [new("removed", 21 + 10, 21 + 10 + 6, "crate taken away")],
        };
    }

    private static SyntheticScene Crowd(int seed)
    {
        var random = new Random(seed + 400);
        var spots = new (int X, int Y)[] { (100, 140), (140, 150), (180, 140), (220, 150), (120, 210), (170, 220), (215, 215) };
        var actors = new List<Actor>();
        for (var i = 0; i < 6; i++)
        {
            var (sx, sy) = spots[i];
            var start = 5 + (i * 4);
            var fromLeft = i % 2 == 0;
            var path = new List<(double, double, double)> { (start, fromLeft ? -10 : 330, sy), (start + 8, sx, sy) };
            // Standing in a group, shifting from foot to foot.
            for (var t = start + 9.0; t < 60; t += 1)
            {
                path.Add((t, sx + ((int)t % 2 == 0 ? 3 : -3), sy));
            }

            path.Add((68, fromLeft ? -10 : 330, sy));
            actors.Add(new Actor(path, 14, 44, Clothes(random)));
        }

        var zone = Middle.Select(p => new Point(p[0], p[1])).ToList();
        // The fifth person in the zone makes "more than 4".
        var fifth = actors.Select(a => FirstInside(a, zone)).Order().ElementAt(4);
        return new SyntheticScene
        {
            Name = $"crowd-{seed}",
            Seed = seed,
            Seconds = 75,
            Rules = new RuleSet { Rules = [CrowdRule] },
            Actors = actors,
            Expected = [new("crowd", fifth + 3, fifth + 8, "a fifth person joins the group")],
        };
    }

    private static SyntheticScene LightingAndNoise(int seed) => new()
    {
        Name = $"lighting-noise-{seed}",
        Seed = seed,
        Seconds = 60,
        Rules = Everything(),
        // A cloud darkening the scene over two seconds and clearing; lights switched on, then off.
        Brightness = t => t is >= 10 and < 20 ? -(int)(Math.Min(1, Math.Min(t - 10, 20 - t) / 2) * 35) : 0,
        LitLeft = t => t is >= 30 and < 45 ? 80 : 0,
    };

    private static SyntheticScene Tampered(int seed, TamperKind kind) => new()
    {
        Name = $"tamper-{kind.ToString().ToLowerInvariant()}-{seed}",
        Seed = seed,
        Seconds = 30,
        Rules = Everything(),
        CoveredFrom = kind == TamperKind.Covered ? 10 : null,
        DefocusedFrom = kind == TamperKind.Defocused ? 10 : null,
        ShiftedFrom = kind == TamperKind.Moved ? 10 : null,
        ExpectedTamper = [new(kind, 10)],
    };

    /// <summary>The first instant the actor's foot is in the zone (sampled every 50 ms), or far away when never.</summary>
    private static double FirstInside(Actor actor, IReadOnlyList<Point> zone)
    {
        for (var t = actor.Path[0].T; t <= actor.Path[^1].T; t += 0.05)
        {
            if (actor.At(t) is { } p && p.X >= 0 && p.X < SyntheticScene.Width && Geometry.Contains(zone, new Point(p.X, p.Y)))
            {
                return t;
            }
        }

        return 1_000_000;
    }

    /// <summary>When the actor's foot first goes past x = <paramref name="x"/> left to right, or far away when never.</summary>
    private static double Crossing(Actor actor, double x)
    {
        double? before = null;
        for (var t = actor.Path[0].T; t <= actor.Path[^1].T; t += 0.05)
        {
            var p = actor.At(t)!.Value;
            if (before is < 0 && p.X - x >= 0)
            {
                return t;
            }

            before = p.X - x;
        }

        return 1_000_000;
    }
}
