using System.Buffers.Binary;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Live;

/// <summary>
/// One piece of a camera's live fMP4 stream, muxed once and shared by every viewer: an init segment, or a
/// fragment that names the init it belongs to. Pooled and reference-counted like <see cref="AccessUnit"/>:
/// each viewer queue holds its own reference and releases it once the bytes are sent. The buffer starts
/// with the live socket's message header (kind, capture time: docs/live.md) so that a viewer's sender
/// writes each chunk as one WebSocket message in one send, without copying it again.
/// </summary>
public sealed class LiveChunk
{
    /// <summary>Bytes before <see cref="Data"/>: one byte kind (1 init, 2 fragment), eight bytes capture time (Unix ms, big-endian, 0 when unknown).</summary>
    public const int HeaderLength = 9;

    private byte[]? _buffer;
    private readonly int _length;
    private int _references = 1;

    private LiveChunk(byte[] buffer, int length, LiveChunkKind kind, LiveChunk? init, Mp4TrackInfo? track, bool isKeyframe, DateTimeOffset? capturedAt)
    {
        _buffer = buffer;
        _length = length;
        Kind = kind;
        Init = init;
        Track = track;
        IsKeyframe = isKeyframe;
        CapturedAt = capturedAt;
    }

    public LiveChunkKind Kind { get; }

    /// <summary>For a fragment, the init segment it decodes with (the same instance for a whole segment).</summary>
    public LiveChunk? Init { get; }

    /// <summary>For an init segment, the track it describes (codec string for MSE, resolution).</summary>
    public Mp4TrackInfo? Track { get; }

    /// <summary>A fragment that starts with a keyframe: a viewer can start or resume here.</summary>
    public bool IsKeyframe { get; }

    /// <summary>
    /// For a fragment, when its frame was captured: the camera's clock from RTCP sender reports when known,
    /// else when Vigie received it. Viewers use it to show the time and to measure latency end to end.
    /// </summary>
    public DateTimeOffset? CapturedAt { get; }

    /// <summary>The init segment (ftyp+moov) or the fragment (moof+mdat).</summary>
    public ReadOnlyMemory<byte> Data => new(_buffer ?? throw new ObjectDisposedException(nameof(LiveChunk)), HeaderLength, _length);

    /// <summary>The live socket's binary message: the header (<see cref="HeaderLength"/> bytes), then <see cref="Data"/>.</summary>
    public ReadOnlyMemory<byte> Message => new(_buffer ?? throw new ObjectDisposedException(nameof(LiveChunk)), 0, HeaderLength + _length);

    public static LiveChunk ForInit(ReadOnlySpan<byte> bytes, Mp4TrackInfo track) =>
        Copy(bytes, LiveChunkKind.Init, null, track, isKeyframe: false, capturedAt: null);

    public static LiveChunk ForFragment(ReadOnlySpan<byte> bytes, LiveChunk init, bool isKeyframe, DateTimeOffset? capturedAt)
    {
        ArgumentNullException.ThrowIfNull(init);
        return Copy(bytes, LiveChunkKind.Fragment, init, null, isKeyframe, capturedAt);
    }

    public LiveChunk Retain()
    {
        if (Interlocked.Increment(ref _references) <= 1)
        {
            throw new ObjectDisposedException(nameof(LiveChunk), "Retain after the last release.");
        }

        return this;
    }

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                FrameBufferPool.Instance.Return(buffer);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("LiveChunk released more times than retained.");
        }
    }

    private static LiveChunk Copy(ReadOnlySpan<byte> bytes, LiveChunkKind kind, LiveChunk? init, Mp4TrackInfo? track, bool isKeyframe, DateTimeOffset? capturedAt)
    {
        var buffer = FrameBufferPool.Instance.Rent(HeaderLength + bytes.Length);
        buffer[0] = (byte)kind;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(1), capturedAt?.ToUnixTimeMilliseconds() ?? 0);
        bytes.CopyTo(buffer.AsSpan(HeaderLength));
        return new LiveChunk(buffer, bytes.Length, kind, init, track, isKeyframe, capturedAt);
    }
}
