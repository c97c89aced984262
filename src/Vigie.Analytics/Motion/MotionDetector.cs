using System.Numerics;

namespace Vigie.Analytics.Motion;

/// <summary>
/// Motion of one camera, frame after frame: an adaptive background (each pixel moves a few grey levels towards the
/// picture at each frame), the picture compensated for a global change of brightness, pixels farther from the
/// background than the threshold counted as moving — except in ignored areas — gathered into cells, and touching
/// cells into regions; regions below the minimum area are dropped. When most of the picture changes at once it is
/// the lighting, not motion: the background is taken again. The per-pixel loops run on <see cref="Vector{T}"/>.
/// One detector per camera; not thread-safe.
/// </summary>
public sealed class MotionDetector
{
    private readonly MotionOptions _options;
    private readonly int _width;
    private readonly int _height;
    private readonly byte[] _watched;
    private readonly int _watchedCount;
    private readonly byte[] _background;
    private readonly byte[] _compensated;
    private readonly byte[] _moving;
    private bool _started;
    private long _frames;

    /// <param name="ignored">Pixels never watched (nonzero = ignored), row after row; null watches the whole picture.</param>
    public MotionDetector(int width, int height, MotionOptions options, byte[]? ignored = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _width = width;
        _height = height;
        var size = width * height;
        if (ignored is not null && ignored.Length != size)
        {
            throw new ArgumentException($"The mask has {ignored.Length} pixels, the picture {size}.", nameof(ignored));
        }

        // 0xFF where watched, 0 where ignored: ANDed with the moving pixels in the vector loop.
        _watched = new byte[size];
        for (var i = 0; i < size; i++)
        {
            _watched[i] = ignored is not null && ignored[i] != 0 ? (byte)0 : byte.MaxValue;
        }

        _watchedCount = _watched.Count(b => b != 0);
        _background = new byte[size];
        _compensated = new byte[size];
        _moving = new byte[size];
    }

    /// <summary>The moving pixels of the last frame (0xFF moving, 0 still), for tests and drawings.</summary>
    internal ReadOnlySpan<byte> Moving => _moving;

    public MotionResult Process(GrayFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != _width || frame.Height != _height)
        {
            throw new ArgumentException($"This detector watches {_width}×{_height} pictures, not {frame.Width}×{frame.Height}.", nameof(frame));
        }

        if (!_started || _watchedCount == 0)
        {
            frame.Pixels.CopyTo(_background, 0);
            _started = true;
            return new MotionResult(frame.At, 0, [], LightingChange: false);
        }

        // A global change of brightness (a cloud, the exposure) shifts every pixel alike: take it out first.
        var offset = MeanOffset(frame.Pixels);
        Shift(frame.Pixels, offset, _compensated);
        var moving = Threshold(_compensated, _background, _watched, _moving, (byte)_options.Threshold);
        if (moving > _options.GlobalChange * _watchedCount)
        {
            frame.Pixels.CopyTo(_background, 0);
            Array.Clear(_moving);
            return new MotionResult(frame.At, 0, [], LightingChange: true);
        }

        _frames++;
        var slow = _frames % _options.MovingLearnEvery == 0 ? (byte)1 : (byte)0;
        Learn(_compensated, _background, _moving, (byte)_options.LearningStep, slow);
        var boxes = Regions();
        return new MotionResult(frame.At, (double)moving / _watchedCount, boxes, LightingChange: false);
    }

    /// <summary>Mean of (picture − background) over the watched pixels, as a whole grey-level offset.</summary>
    private int MeanOffset(byte[] pixels)
    {
        long sum = 0;
        for (var i = 0; i < pixels.Length; i++)
        {
            if (_watched[i] != 0)
            {
                sum += pixels[i] - _background[i];
            }
        }

        return (int)Math.Round((double)sum / _watchedCount);
    }

    /// <summary>The picture minus <paramref name="offset"/>, saturated to 0–255.</summary>
    internal static void Shift(ReadOnlySpan<byte> pixels, int offset, Span<byte> into)
    {
        var magnitude = (byte)Math.Min(Math.Abs(offset), 255);
        var step = new Vector<byte>(magnitude);
        var i = 0;
        for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            var value = new Vector<byte>(pixels[i..]);
            // Saturating subtraction (or addition) without widening: clamp first, then wrap cannot happen.
            var shifted = offset >= 0
                ? Vector.Max(value, step) - step
                : Vector.Min(value, new Vector<byte>((byte)(255 - magnitude))) + step;
            shifted.CopyTo(into[i..]);
        }

        for (; i < pixels.Length; i++)
        {
            into[i] = (byte)Math.Clamp(pixels[i] - offset, 0, 255);
        }
    }

    /// <summary>Marks the watched pixels farther than <paramref name="threshold"/> from the background (0xFF); returns how many.</summary>
    internal static int Threshold(ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> background, ReadOnlySpan<byte> watched, Span<byte> moving, byte threshold)
    {
        var limit = new Vector<byte>(threshold);
        var count = 0;
        var i = 0;
        for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            var a = new Vector<byte>(pixels[i..]);
            var b = new Vector<byte>(background[i..]);
            var difference = Vector.Max(a, b) - Vector.Min(a, b);
            var marked = Vector.GreaterThan(difference, limit) & new Vector<byte>(watched[i..]);
            marked.CopyTo(moving[i..]);
            // Each moving lane is 0xFF: one bit of each counts it (at most 64 lanes: the byte sum cannot overflow).
            count += Vector.Sum(marked & Vector<byte>.One);
        }

        for (; i < pixels.Length; i++)
        {
            var hit = Math.Abs(pixels[i] - background[i]) > threshold && watched[i] != 0;
            moving[i] = hit ? byte.MaxValue : (byte)0;
            count += hit ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Moves each background pixel towards the picture: up to <paramref name="step"/> grey levels where still, up to
    /// <paramref name="movingStep"/> where moving (0xFF in <paramref name="moving"/>).
    /// </summary>
    internal static void Learn(ReadOnlySpan<byte> pixels, Span<byte> background, ReadOnlySpan<byte> moving, byte step, byte movingStep)
    {
        var still = new Vector<byte>(step);
        var slow = new Vector<byte>(movingStep);
        var i = 0;
        for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            var a = new Vector<byte>(pixels[i..]);
            var b = new Vector<byte>(background[i..]);
            var most = Vector.ConditionalSelect(new Vector<byte>(moving[i..]), slow, still);
            var up = Vector.Min(Vector.Max(a, b) - b, most);
            var down = Vector.Min(b - Vector.Min(a, b), most);
            (b + up - down).CopyTo(background[i..]);
        }

        for (; i < pixels.Length; i++)
        {
            var most = moving[i] != 0 ? movingStep : step;
            var delta = Math.Clamp(pixels[i] - background[i], -most, most);
            background[i] = (byte)(background[i] + delta);
        }
    }

    /// <summary>Touching cells with enough moving pixels, as boxes; those below the minimum area dropped.</summary>
    private List<Box> Regions()
    {
        var cell = _options.Cell;
        var columns = (_width + cell - 1) / cell;
        var rows = (_height + cell - 1) / cell;
        var counts = new int[columns * rows];
        for (var y = 0; y < _height; y++)
        {
            var row = y / cell * columns;
            var offset = y * _width;
            for (var x = 0; x < _width; x++)
            {
                if (_moving[offset + x] != 0)
                {
                    counts[row + (x / cell)]++;
                }
            }
        }

        var needed = Math.Max(1, (int)(cell * cell * _options.CellFill));
        var seen = new bool[counts.Length];
        var boxes = new List<Box>();
        var minimum = _options.MinimumArea * _watchedCount;
        var queue = new Queue<int>();
        for (var start = 0; start < counts.Length; start++)
        {
            if (seen[start] || counts[start] < needed)
            {
                continue;
            }

            int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1, pixels = 0;
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var index))
            {
                var (cx, cy) = (index % columns, index / columns);
                (left, top, right, bottom) = (Math.Min(left, cx), Math.Min(top, cy), Math.Max(right, cx), Math.Max(bottom, cy));
                pixels += counts[index];
                foreach (var next in new[] { cx > 0 ? index - 1 : -1, cx < columns - 1 ? index + 1 : -1, cy > 0 ? index - columns : -1, cy < rows - 1 ? index + columns : -1 })
                {
                    if (next >= 0 && !seen[next] && counts[next] >= needed)
                    {
                        seen[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }

            if (pixels >= minimum)
            {
                var x = left * cell;
                var y = top * cell;
                boxes.Add(new Box(x, y, Math.Min((right + 1) * cell, _width) - x, Math.Min((bottom + 1) * cell, _height) - y));
            }
        }

        return boxes;
    }
}
