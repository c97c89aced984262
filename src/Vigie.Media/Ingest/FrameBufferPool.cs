using System.Buffers;
using Vigie.Media.Rtp;

namespace Vigie.Media.Ingest;

/// <summary>
/// The pool of frame buffers shared by every camera: the depacketisers rent from it and the access units
/// return to it. Not <see cref="ArrayPool{T}.Shared"/>, which keeps only a few dozen arrays of each size
/// per core: the pre-alarm buffers hold 10 s of every camera (≈ 250 frames each, thousands in all), so the
/// returned frames overflowed it and nearly every new frame was a fresh array for the GC to collect after
/// it had aged into gen 2. This pool keeps up to <see cref="ArraysPerSize"/> arrays of each power-of-two
/// size; in steady state a camera returns as many frames as it rents and nothing is allocated.
/// </summary>
public static class FrameBufferPool
{
    /// <summary>Enough to absorb the frames that several hundred cameras release at once (a reconnection wave).</summary>
    public const int ArraysPerSize = 1024;

    public static ArrayPool<byte> Shared { get; } = ArrayPool<byte>.Create(DepacketizerOptions.DefaultMaxFrameBytes, ArraysPerSize);
}
