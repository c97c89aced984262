using Vigie.Analytics.Motion;
using Vigie.Analytics.Rules;
using Vigie.Analytics.Tamper;

namespace Vigie.Analytics.Evaluation;

/// <summary>A rule that must fire between <see cref="From"/> and <see cref="To"/> (seconds from the scene's start).</summary>
public sealed record ExpectedEvent(string RuleId, double From, double To, string What);

/// <summary>A tamper condition that begins at <see cref="At"/> (seconds) and must be raised within the tolerance.</summary>
public sealed record ExpectedTamper(TamperKind Kind, double At);

/// <summary>Someone or something moving along waypoints (foot positions, seconds), drawn while between its first and last.</summary>
public sealed record Actor(IReadOnlyList<(double T, double X, double Y)> Path, int Width, int Height, byte Grey, bool Person = true)
{
    public (double X, double Y)? At(double t)
    {
        if (t < Path[0].T || t > Path[^1].T)
        {
            return null;
        }

        for (var i = 1; i < Path.Count; i++)
        {
            if (t <= Path[i].T)
            {
                var (a, b) = (Path[i - 1], Path[i]);
                var f = b.T > a.T ? (t - a.T) / (b.T - a.T) : 1;
                return (a.X + ((b.X - a.X) * f), a.Y + ((b.Y - a.Y) * f));
            }
        }

        return (Path[^1].X, Path[^1].Y);
    }
}

/// <summary>A still object (a bag, a crate) present between two instants.</summary>
public sealed record Prop(Box Box, double From, double To, byte Grey);

/// <summary>
/// A generated scene with exact ground truth: a textured, non-repeating background with large shapes, sensor noise on
/// every frame, people (a body and a head, legs moving) and vehicles along paths, props left or taken, lighting
/// changes, and tampering (lens covered, defocus, view shifted). Frames at 5 fps, 320×240.
/// </summary>
public sealed class SyntheticScene
{
    public const int Width = 320;
    public const int Height = 240;
    public const double Fps = 5;
    private const int Margin = 80;
    public static readonly DateTimeOffset Origin = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public required string Name { get; init; }

    public required double Seconds { get; init; }

    public required RuleSet Rules { get; init; }

    public IReadOnlyList<Actor> Actors { get; init; } = [];

    public IReadOnlyList<Prop> Props { get; init; } = [];

    public IReadOnlyList<ExpectedEvent> Expected { get; init; } = [];

    public IReadOnlyList<ExpectedTamper> ExpectedTamper { get; init; } = [];

    /// <summary>Brightness offset at an instant (a cloud).</summary>
    public Func<double, int> Brightness { get; init; } = _ => 0;

    /// <summary>Extra light on the left 70 % of the picture at an instant (lights switched on).</summary>
    public Func<double, int> LitLeft { get; init; } = _ => 0;

    public double? CoveredFrom { get; init; }

    public double? DefocusedFrom { get; init; }

    public double? ShiftedFrom { get; init; }

    public int Seed { get; init; } = 1;

    public IEnumerable<GrayFrame> Frames()
    {
        var background = Background(Seed);
        var noise = new Random(Seed * 7919);
        var count = (int)(Seconds * Fps);
        for (var n = 0; n < count; n++)
        {
            var t = n / Fps;
            yield return new GrayFrame(Width, Height, Render(background, noise, t), Origin.AddSeconds(t));
        }
    }

    private byte[] Render(byte[] background, Random noise, double t)
    {
        var shift = ShiftedFrom is { } s && t >= s ? (X: 60, Y: 30) : (X: 0, Y: 0);
        var light = Brightness(t);
        var lit = LitLeft(t);
        var picture = new int[Width * Height];
        var stride = Width + (2 * Margin);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                picture[(y * Width) + x] = background[((y + Margin + shift.Y) * stride) + x + Margin + shift.X] + light + (x < Width * 0.7 ? lit : 0);
            }
        }

        foreach (var prop in Props.Where(p => t >= p.From && t < p.To))
        {
            Fill(picture, prop.Box, prop.Grey, shift);
            // A lighter rim: a real object's outline.
            Fill(picture, prop.Box with { Height = 2 }, (byte)Math.Min(255, prop.Grey + 90), shift);
        }

        foreach (var actor in Actors)
        {
            if (actor.At(t) is not { } foot)
            {
                continue;
            }

            var (fx, fy) = ((int)Math.Round(foot.X), (int)Math.Round(foot.Y));
            if (!actor.Person)
            {
                Fill(picture, new Box(fx - (actor.Width / 2), fy - actor.Height, actor.Width, actor.Height), actor.Grey, shift);
                Fill(picture, new Box(fx - (actor.Width / 2) + 4, fy - actor.Height + 3, actor.Width / 3, actor.Height / 3), (byte)Math.Min(255, actor.Grey + 70), shift);
                continue;
            }

            var head = actor.Width / 2;
            var legs = actor.Height / 3;
            var body = actor.Height - head - legs;
            var stride2 = (int)(t * 4) % 2 == 0 ? 2 : -2;
            Fill(picture, new Box(fx - (head / 2), fy - actor.Height, head, head), (byte)Math.Min(255, actor.Grey + 60), shift);
            Fill(picture, new Box(fx - (actor.Width / 2), fy - actor.Height + head, actor.Width, body), actor.Grey, shift);
            Fill(picture, new Box(fx - (actor.Width / 2) + stride2 + 1, fy - legs, (actor.Width / 2) - 1, legs), (byte)Math.Max(0, actor.Grey - 20), shift);
            Fill(picture, new Box(fx + 1 - stride2, fy - legs, (actor.Width / 2) - 1, legs), (byte)Math.Max(0, actor.Grey - 20), shift);
        }

        if (DefocusedFrom is { } d && t >= d)
        {
            picture = Blur(Blur(picture, 3), 3);
        }

        var pixels = new byte[Width * Height];
        var covered = CoveredFrom is { } c && t >= c;
        for (var i = 0; i < pixels.Length; i++)
        {
            var value = covered ? 12 : picture[i];
            pixels[i] = (byte)Math.Clamp(value + noise.Next(-5, 6), 0, 255);
        }

        return pixels;
    }

    /// <summary>Things are drawn where they are in the world: a shifted view moves them with the background.</summary>
    private static void Fill(int[] picture, Box box, byte grey, (int X, int Y) shift)
    {
        for (var y = Math.Max(0, box.Y - shift.Y); y < Math.Min(Height, box.Y + box.Height - shift.Y); y++)
        {
            for (var x = Math.Max(0, box.X - shift.X); x < Math.Min(Width, box.X + box.Width - shift.X); x++)
            {
                picture[(y * Width) + x] = grey;
            }
        }
    }

    private static int[] Blur(int[] picture, int radius)
    {
        var result = new int[picture.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                int sum = 0, n = 0;
                for (var dy = -radius; dy <= radius; dy++)
                {
                    for (var dx = -radius; dx <= radius; dx++)
                    {
                        var (xx, yy) = (x + dx, y + dy);
                        if (xx >= 0 && xx < Width && yy >= 0 && yy < Height)
                        {
                            sum += picture[(yy * Width) + xx];
                            n++;
                        }
                    }
                }

                result[(y * Width) + x] = sum / n;
            }
        }

        return result;
    }

    /// <summary>A wider-than-the-picture scene (for view shifts): a ground gradient, buildings, a road, fine texture.</summary>
    private static byte[] Background(int seed)
    {
        var random = new Random(seed);
        var (w, h) = (Width + (2 * Margin), Height + (2 * Margin));
        var pixels = new int[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                pixels[(y * w) + x] = 95 + (y * 50 / h);
            }
        }

        for (var k = 0; k < 14; k++)
        {
            var (bw, bh) = (random.Next(20, 90), random.Next(15, 70));
            var (bx, by) = (random.Next(0, w - bw), random.Next(0, h / 2));
            var grey = random.Next(60, 200);
            for (var y = by; y < by + bh; y++)
            {
                for (var x = bx; x < bx + bw; x++)
                {
                    pixels[(y * w) + x] = grey + ((x - bx) % 10 < 2 || (y - by) % 12 < 2 ? -25 : 0);
                }
            }
        }

        var texture = new Random(seed + 1);
        var result = new byte[w * h];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)Math.Clamp(pixels[i] + texture.Next(-12, 13), 0, 255);
        }

        return result;
    }
}
