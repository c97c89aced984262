using System.Numerics;
using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Static;

/// <summary>How left and removed objects are found.</summary>
public sealed record StaticOptions
{
    /// <summary>A pixel differs from the long-term picture past this many grey levels.</summary>
    public int Threshold { get; init; } = 30;

    /// <summary>A change must stay still this long before it is a static object at all (rules add their own delay).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After this long a static object is part of the scene (a parked car): taken into the long-term picture and forgotten.</summary>
    public TimeSpan AbsorbAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Side of the square cells changes are counted in (pixels) and share of a cell that must differ.</summary>
    public int Cell { get; init; } = 8;

    public double CellFill { get; init; } = 0.3;

    /// <summary>A static object smaller than this share of the picture is ignored.</summary>
    public double MinimumArea { get; init; } = 0.002;
}

/// <summary>Whether something appeared (left behind) or disappeared (taken away).</summary>
public enum StaticKind
{
    Added,
    Removed,
}

/// <summary>A part of the picture that changed and stayed still since <see cref="Since"/>.</summary>
public sealed record StaticObject(int Id, Box Box, DateTimeOffset Since, StaticKind Kind);

/// <summary>
/// Left and removed objects: a long-term picture of the empty scene, learned only where nothing differs from it,
/// against which each frame is compared. A change that stops stirring (the same from frame to frame) and stays is a static object;
/// it keeps its id while people walk in front of it. Whether it was left or taken away is told by its outline: a left
/// object draws edges along its border that the long-term picture lacks, a removed one takes them away. A global
/// change of lighting takes the long-term picture again. One per camera; not thread-safe.
/// </summary>
public sealed class StaticChangeDetector
{
    private readonly StaticOptions _options;
    private readonly int _width;
    private readonly int _height;
    private readonly int _columns;
    private readonly int _rows;
    private readonly byte[] _reference;
    private readonly long[] _since;
    private readonly byte[] _differs;
    private readonly byte[] _moving;
    private readonly Vector<byte> _limit;
    private readonly byte[] _previous;
    private readonly List<StaticObject> _objects = [];
    private bool _started;
    private int _next = 1;

    public StaticChangeDetector(int width, int height, StaticOptions options)
    {
        _options = options;
        _width = width;
        _height = height;
        _columns = (width + options.Cell - 1) / options.Cell;
        _rows = (height + options.Cell - 1) / options.Cell;
        _reference = new byte[width * height];
        _since = new long[_columns * _rows];
        _differs = new byte[width * height];
        _moving = new byte[width];
        _limit = new Vector<byte>((byte)Math.Clamp(options.Threshold, 0, 255));
        _previous = new byte[width * height];
    }

    public IReadOnlyList<StaticObject> Objects => _objects;

    /// <param name="relearn">The lighting changed: start again from this picture.</param>
    public IReadOnlyList<StaticObject> Process(GrayFrame frame, bool relearn)
    {
        if (!_started || relearn)
        {
            frame.Pixels.CopyTo(_reference, 0);
            frame.Pixels.CopyTo(_previous, 0);
            Array.Clear(_since);
            _objects.Clear();
            _started = true;
            return _objects;
        }

        var pixels = frame.Pixels;
        var cell = _options.Cell;
        var differing = new int[_since.Length];
        var movingCells = new int[_since.Length];
        var moving = _moving;
        for (var y = 0; y < _height; y++)
        {
            var row = y / cell * _columns;
            var at = y * _width;
            Exceeds(pixels.AsSpan(at, _width), _reference.AsSpan(at, _width), _differs.AsSpan(at, _width));
            Exceeds(pixels.AsSpan(at, _width), _previous.AsSpan(at, _width), moving);
            for (var c = 0; c < _columns; c++)
            {
                var from = c * cell;
                var to = Math.Min(from + cell, _width);
                int d = 0, m = 0;
                for (var x = from; x < to; x++)
                {
                    d += _differs[at + x];
                    m += moving[x];
                }

                differing[row + c] += d;
                movingCells[row + c] += m;
            }
        }

        var needed = (int)(cell * cell * _options.CellFill);
        var now = frame.At.UtcTicks;
        for (var c = 0; c < _since.Length; c++)
        {
            if (movingCells[c] >= needed)
            {
                // Something passes in front: neither start nor end a static change here now.
                continue;
            }

            if (differing[c] >= needed)
            {
                if (_since[c] == 0)
                {
                    _since[c] = now;
                }
            }
            else
            {
                _since[c] = 0;
                Learn(pixels, c);
            }
        }

        pixels.CopyTo(_previous, 0);
        Gather(frame.At, pixels);
        foreach (var old in _objects.Where(o => frame.At - o.Since >= _options.AbsorbAfter).ToList())
        {
            Absorb(old, pixels);
        }

        return _objects;
    }

    /// <summary>Takes an object into the long-term picture: it is the scene now (after it fired, or after a long time).</summary>
    public void Absorb(StaticObject item, byte[] pixels)
    {
        for (var y = item.Box.Y; y < item.Box.Y + item.Box.Height; y++)
        {
            Array.Copy(pixels, (y * _width) + item.Box.X, _reference, (y * _width) + item.Box.X, item.Box.Width);
        }

        var cell = _options.Cell;
        for (var cy = item.Box.Y / cell; cy < (item.Box.Y + item.Box.Height + cell - 1) / cell; cy++)
        {
            for (var cx = item.Box.X / cell; cx < (item.Box.X + item.Box.Width + cell - 1) / cell; cx++)
            {
                _since[(cy * _columns) + cx] = 0;
            }
        }

        _objects.Remove(item);
    }

    /// <summary>The long-term picture follows slow drifts (dusk) where nothing differs: one grey level per frame.</summary>
    private void Learn(byte[] pixels, int c)
    {
        var cell = _options.Cell;
        var (x0, y0) = (c % _columns * cell, c / _columns * cell);
        for (var y = y0; y < Math.Min(y0 + cell, _height); y++)
        {
            for (var x = x0; x < Math.Min(x0 + cell, _width); x++)
            {
                var i = (y * _width) + x;
                _reference[i] = (byte)(_reference[i] + Math.Sign(pixels[i] - _reference[i]));
            }
        }
    }

    /// <summary>Settled cells into regions, matched to the known objects by overlap so that ids stay.</summary>
    private void Gather(DateTimeOffset at, byte[] pixels)
    {
        var settled = at.UtcTicks - _options.Settle.Ticks;
        var cell = _options.Cell;
        var seen = new bool[_since.Length];
        var found = new List<(Box Box, long Since)>();
        var queue = new Queue<int>();
        var minimum = _options.MinimumArea * _width * _height;
        for (var start = 0; start < _since.Length; start++)
        {
            if (seen[start] || _since[start] == 0 || _since[start] > settled)
            {
                continue;
            }

            int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
            var since = long.MaxValue;
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var index))
            {
                var (cx, cy) = (index % _columns, index / _columns);
                (left, top, right, bottom) = (Math.Min(left, cx), Math.Min(top, cy), Math.Max(right, cx), Math.Max(bottom, cy));
                since = Math.Min(since, _since[index]);
                foreach (var next in new[] { cx > 0 ? index - 1 : -1, cx < _columns - 1 ? index + 1 : -1, cy > 0 ? index - _columns : -1, cy < _rows - 1 ? index + _columns : -1 })
                {
                    if (next >= 0 && !seen[next] && _since[next] != 0 && _since[next] <= settled)
                    {
                        seen[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }

            var box = new Box(left * cell, top * cell, Math.Min((right + 1) * cell, _width) - (left * cell), Math.Min((bottom + 1) * cell, _height) - (top * cell));
            if (box.Area >= minimum)
            {
                found.Add((box, since));
            }
        }

        var kept = new List<StaticObject>();
        foreach (var (box, since) in found)
        {
            var known = _objects.Where(o => !kept.Contains(o)).MaxBy(o => o.Box.Overlap(box));
            if (known is not null && known.Box.Overlap(box) > 0.3)
            {
                kept.Add(known with { Box = box });
            }
            else
            {
                kept.Add(new StaticObject(_next++, box, new DateTimeOffset(since, TimeSpan.Zero), Outline(box, pixels)));
            }
        }

        _objects.Clear();
        _objects.AddRange(kept);
    }

    /// <summary>Left or taken away: edges along the changed pixels' border, now against the long-term picture.</summary>
    private StaticKind Outline(Box box, byte[] pixels)
    {
        long now = 0, before = 0;
        for (var y = Math.Max(1, box.Y); y < Math.Min(_height - 1, box.Y + box.Height); y++)
        {
            for (var x = Math.Max(1, box.X); x < Math.Min(_width - 1, box.X + box.Width); x++)
            {
                var i = (y * _width) + x;
                if (_differs[i] == 0 || (_differs[i - 1] != 0 && _differs[i + 1] != 0 && _differs[i - _width] != 0 && _differs[i + _width] != 0))
                {
                    continue;
                }

                now += Gradient(pixels, i);
                before += Gradient(_reference, i);
            }
        }

        return now >= before ? StaticKind.Added : StaticKind.Removed;
    }

    private int Gradient(byte[] picture, int i) =>
        Math.Abs(picture[i + 1] - picture[i - 1]) + Math.Abs(picture[i + _width] - picture[i - _width]);

    /// <summary>1 where |a − b| is over the threshold, else 0 (SIMD over the row).</summary>
    private void Exceeds(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> into)
    {
        var i = 0;
        var count = Vector<byte>.Count;
        for (; i <= a.Length - count; i += count)
        {
            var (va, vb) = (new Vector<byte>(a[i..]), new Vector<byte>(b[i..]));
            var over = Vector.GreaterThan(Vector.Max(va, vb) - Vector.Min(va, vb), _limit);
            (over & Vector<byte>.One).CopyTo(into[i..]);
        }

        for (; i < a.Length; i++)
        {
            into[i] = Math.Abs(a[i] - b[i]) > _options.Threshold ? (byte)1 : (byte)0;
        }
    }
}
