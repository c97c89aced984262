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

    /// <summary>This picture made smaller (each output pixel the mean of the source pixels it covers); the same when not larger.</summary>
    public GrayFrame Shrink(int width)
    {
        if (width >= Width)
        {
            return this;
        }

        var height = Math.Max(8, (int)Math.Round(Height * (double)width / Width));
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var (y0, y1) = (y * Height / height, Math.Max((y * Height / height) + 1, (y + 1) * Height / height));
            for (var x = 0; x < width; x++)
            {
                var (x0, x1) = (x * Width / width, Math.Max((x * Width / width) + 1, (x + 1) * Width / width));
                var sum = 0;
                for (var yy = y0; yy < y1; yy++)
                {
                    var row = yy * Width;
                    for (var xx = x0; xx < x1; xx++)
                    {
                        sum += Pixels[row + xx];
                    }
                }

                pixels[(y * width) + x] = (byte)(sum / ((y1 - y0) * (x1 - x0)));
            }
        }

        return new GrayFrame(width, height, pixels, At);
    }
}
