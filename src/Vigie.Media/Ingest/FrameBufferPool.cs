using System.Buffers;
using System.Numerics;

namespace Vigie.Media.Ingest;

/// <summary>
/// The pool of frame buffers shared by every camera: the depacketisers rent from it and the access units
/// return to it. Sizes go in steps of 1.5× and 2× alternately (1, 1.5, 2, 3, 4, 6 … KiB up to 8 MiB), so
/// a frame held for 10 s in a pre-alarm buffer wastes at most a third of its array; one free list per size.
/// <para>
/// Why not <see cref="ArrayPool{T}.Shared"/>: it keeps only a few dozen arrays of each size per core,
/// and the pre-alarm buffers hold 10 s of every camera (≈ 250 frames each, thousands in all), so returned
/// frames overflowed it and nearly every new frame was a fresh array that the GC collected after it had
/// aged into gen 2. Why not <see cref="ArrayPool{T}.Create(int, int)"/>: with 100 simulated cameras it
/// still allocated 9 kB per frame, against under 1 kB for this free list (docs/benchmarks.md, recording).
/// Beyond <see cref="MaxFreeBytesPerSize"/> free bytes of one size, returned arrays are left to the GC.
/// </para>
/// </summary>
public sealed class FrameBufferPool : ArrayPool<byte>
{
    /// <summary>Free arrays kept per size, in bytes.</summary>
    public const long MaxFreeBytesPerSize = 64L * 1024 * 1024;

    private const int MinimumShift = 10;
    private const int MaximumShift = 23;

    /// <summary>Two sizes per power of two: 3·2^(k−2) (index 2·(k−min)) and 2^k (index 2·(k−min)+1).</summary>
    private readonly Stack<byte[]>[] _free = Enumerable.Range(0, 2 * (MaximumShift - MinimumShift + 1)).Select(_ => new Stack<byte[]>()).ToArray();

    public static FrameBufferPool Instance { get; } = new();

    /// <summary>The array length this pool hands out for <paramref name="minimumLength"/> (the smallest size class that fits).</summary>
    public static int SizeFor(int minimumLength)
    {
        var index = IndexFor(minimumLength);
        return index < 0 ? minimumLength : LengthOf(index);
    }

    public override byte[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        var index = IndexFor(minimumLength);
        if (index < 0)
        {
            return GC.AllocateUninitializedArray<byte>(minimumLength);
        }

        var free = _free[index];
        lock (free)
        {
            if (free.TryPop(out var array))
            {
                return array;
            }
        }

        return GC.AllocateUninitializedArray<byte>(LengthOf(index));
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        var index = IndexFor(array.Length);
        if (index < 0 || LengthOf(index) != array.Length)
        {
            // Not one of ours (or too large to keep): the GC takes it.
            return;
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        var free = _free[index];
        lock (free)
        {
            if ((long)free.Count * array.Length < MaxFreeBytesPerSize)
            {
                free.Push(array);
            }
        }
    }

    /// <summary>The size class that fits <paramref name="length"/>, or −1 when larger than the largest.</summary>
    private static int IndexFor(int length)
    {
        var shift = Math.Max(MinimumShift, length <= 1 ? 0 : BitOperations.Log2((uint)(length - 1)) + 1);
        if (shift > MaximumShift)
        {
            return -1;
        }

        var threeQuarters = 3 << (shift - 2);
        return 2 * (shift - MinimumShift) + (length <= threeQuarters && shift > MinimumShift ? 0 : 1);
    }

    private static int LengthOf(int index)
    {
        var shift = (index / 2) + MinimumShift;
        return index % 2 == 0 ? 3 << (shift - 2) : 1 << shift;
    }
}
