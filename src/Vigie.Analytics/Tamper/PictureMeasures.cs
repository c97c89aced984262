using System.Numerics;

namespace Vigie.Analytics.Tamper;

/// <summary>
/// What the tamper detector reads of a picture, in one pass over its rows (SIMD where the row allows it): the mean
/// and spread of its brightness, its sharpness (mean absolute difference between neighbours, which falls when the
/// picture blurs) and a coarse edge map (gradient energy in a <c>grid × grid</c> of blocks).
/// </summary>
internal sealed class PictureMeasures
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _grid;
    private readonly int[] _cellOfColumn;
    private readonly byte[] _across;
    private readonly byte[] _down;
    private readonly long[] _row;

    public PictureMeasures(int width, int height, int grid)
    {
        (_width, _height, _grid) = (width, height, grid);
        _cellOfColumn = [.. Enumerable.Range(0, width).Select(x => x * grid / width)];
        _across = new byte[width];
        _down = new byte[width];
        _row = new long[grid];
    }

    public (double Mean, double Spread, double Sharpness) Measure(byte[] pixels, double[] edges)
    {
        Array.Clear(edges);
        long sum = 0, squares = 0, sharp = 0;
        var w = _width;
        for (var y = 0; y < _height; y++)
        {
            var row = pixels.AsSpan(y * w, w);
            (var s, var q) = SumAndSquares(row);
            sum += s;
            squares += q;
            if (y < _height - 1)
            {
                // Sharpness: each pixel against its right and lower neighbours (the last column and row have none).
                var below = pixels.AsSpan((y + 1) * w, w);
                sharp += AbsoluteDifferences(row[1..], row[..^1], _across) + AbsoluteDifferences(below[..^1], row[..^1], _down);
            }

            if (y >= 1 && y < _height - 1)
            {
                // Edges: centred differences across and down, summed per block of the grid.
                AbsoluteDifferences(row[2..], row[..^2], _across);
                AbsoluteDifferences(pixels.AsSpan((y + 1) * w, w)[1..^1], pixels.AsSpan((y - 1) * w, w)[1..^1], _down);
                Array.Clear(_row);
                for (var x = 0; x < w - 2; x++)
                {
                    _row[_cellOfColumn[x + 1]] += _across[x] + _down[x];
                }

                var cells = y * _grid / _height * _grid;
                for (var c = 0; c < _grid; c++)
                {
                    edges[cells + c] += _row[c];
                }
            }
        }

        var n = (double)pixels.Length;
        var mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean))), (double)sharp / ((w - 1) * (_height - 1)));
    }

    /// <summary>|a − b| per byte into <paramref name="into"/>; answers their sum.</summary>
    private static long AbsoluteDifferences(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, byte[] into)
    {
        long total = 0;
        var i = 0;
        var count = Vector<byte>.Count;
        for (; i <= a.Length - count; i += count)
        {
            var (va, vb) = (new Vector<byte>(a[i..]), new Vector<byte>(b[i..]));
            var difference = Vector.Max(va, vb) - Vector.Min(va, vb);
            difference.CopyTo(into.AsSpan(i));
            Vector.Widen(difference, out var low, out var high);
            total += Vector.Sum(low + high);
        }

        for (; i < a.Length; i++)
        {
            var d = (byte)Math.Abs(a[i] - b[i]);
            into[i] = d;
            total += d;
        }

        return total;
    }

    private static (long Sum, long Squares) SumAndSquares(ReadOnlySpan<byte> row)
    {
        long sum = 0, squares = 0;
        var i = 0;
        var count = Vector<byte>.Count;
        for (; i <= row.Length - count; i += count)
        {
            Vector.Widen(new Vector<byte>(row[i..]), out var low, out var high);
            sum += Vector.Sum(low + high);
            Vector.Widen(low * low, out var a, out var b);
            Vector.Widen(high * high, out var c, out var d);
            squares += Vector.Sum(a + b + c + d);
        }

        for (; i < row.Length; i++)
        {
            sum += row[i];
            squares += row[i] * row[i];
        }

        return (sum, squares);
    }
}
