namespace Vigie.Analytics.Motion;

/// <summary>A decoded picture as analytics read it: 8-bit luma, row after row, at an instant of the camera.</summary>
public sealed class GrayFrame
{
    public GrayFrame(int width, int height, byte[] pixels, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 8);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"A {width}×{height} frame has {width * height} pixels, not {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        At = at;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public DateTimeOffset At { get; }
}
