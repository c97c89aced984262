namespace Vigie.Analytics.Motion;

/// <summary>How a camera's motion is detected. The defaults suit a 320-pixel-wide picture at 5 fps.</summary>
public sealed record MotionOptions
{
    /// <summary>A pixel moves when it differs from the background by more than this (1–255; lower is more sensitive).</summary>
    public int Threshold { get; init; } = 28;

    /// <summary>A region smaller than this share of the watched picture is no motion (noise, insects, rain).</summary>
    public double MinimumArea { get; init; } = 0.002;

    /// <summary>How many grey levels a background pixel moves towards the picture at each frame (adaptation speed).</summary>
    public int LearningStep { get; init; } = 2;

    /// <summary>
    /// A moving pixel learns one grey level only every this many frames, so that a person who stops stays seen for a
    /// while (≈ 40 s for a contrast of 50 at 5 fps) while a parked car still becomes background in a few minutes.
    /// </summary>
    public int MovingLearnEvery { get; init; } = 4;

    /// <summary>
    /// Past this share of the watched picture changing at once, the change is the lighting (lights switched on, a
    /// cloud, the camera's exposure), not motion: the background is taken again and nothing is reported.
    /// </summary>
    public double GlobalChange { get; init; } = 0.5;

    /// <summary>Side of the square cells motion is gathered in before regions are drawn (pixels).</summary>
    public int Cell { get; init; } = 8;

    /// <summary>Share of a cell's pixels that must move for the cell to count.</summary>
    public double CellFill { get; init; } = 0.2;

    public void Validate()
    {
        if (Threshold is < 1 or > 255 || MinimumArea is < 0 or > 1 || LearningStep is < 1 or > 64 || MovingLearnEvery is < 1 or > 1000 || GlobalChange is <= 0 or > 1 || Cell is < 2 or > 64 || CellFill is <= 0 or > 1)
        {
            throw new ArgumentException("Motion options out of range: threshold 1–255, minimum area 0–1, learning step 1–64, moving learn every 1–1000, global change 0–1, cell 2–64, cell fill 0–1.");
        }
    }
}

/// <summary>A rectangle of the picture, in pixels.</summary>
public readonly record struct Box(int X, int Y, int Width, int Height)
{
    public int Area => Width * Height;

    /// <summary>Intersection over union with <paramref name="other"/> (0 apart, 1 the same).</summary>
    public double Overlap(Box other)
    {
        var x = Math.Max(X, other.X);
        var y = Math.Max(Y, other.Y);
        var w = Math.Min(X + Width, other.X + other.Width) - x;
        var h = Math.Min(Y + Height, other.Y + other.Height) - y;
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inter = (double)w * h;
        return inter / (Area + other.Area - inter);
    }
}

/// <summary>What one frame showed: the share of the watched picture that moved, the moving regions, and whether the lighting changed.</summary>
public sealed record MotionResult(DateTimeOffset At, double Level, IReadOnlyList<Box> Boxes, bool LightingChange)
{
    public bool HasMotion => Boxes.Count > 0;
}
