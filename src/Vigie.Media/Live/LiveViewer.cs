using System.Threading.Channels;

namespace Vigie.Media.Live;

/// <summary>
/// One viewer of a <see cref="LiveStream"/>: a bounded queue of shared chunks that the viewer's own sender
/// drains. The stream offers chunks without ever waiting: when the queue is full the viewer is too slow,
/// so it skips fragments until the next keyframe that fits, and the camera, the recording and the other
/// viewers never wait for it. The init segment a fragment needs is queued before it whenever the viewer
/// has not had it yet (start, resolution change).
/// </summary>
public sealed class LiveViewer : IDisposable
{
    /// <summary>Default queue: two seconds of 25 fps video. Live is about now: a viewer further behind skips.</summary>
    public const int DefaultCapacity = 50;

    private readonly Channel<LiveChunk> _queue;
    private readonly int _capacity;
    private LiveChunk? _lastInit;
    private bool _skipping;
    private long _skipped;
    private long _queued;
    private int _disposed;

    public LiveViewer(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
        _queue = Channel.CreateBounded<LiveChunk>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Fragments this viewer did not get because it was behind.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Chunks queued for this viewer so far (inits included).</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>The chunks to send, in order. Each one read must be released by the reader.</summary>
    public ChannelReader<LiveChunk> Reader => _queue.Reader;

    /// <summary>
    /// Offers a fragment; never blocks. Called by the stream, one call at a time. Returns false when the
    /// fragment was skipped.
    /// </summary>
    internal bool Offer(LiveChunk fragment)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        var init = fragment.Init!;
        var needsInit = !ReferenceEquals(init, _lastInit);
        if ((_skipping || needsInit) && !fragment.IsKeyframe)
        {
            // Behind, or without the init this fragment decodes with: wait for a keyframe.
            return Skip();
        }

        var slots = needsInit ? 2 : 1;
        if (_queue.Reader.Count + slots > _capacity)
        {
            _skipping = true;
            return Skip();
        }

        _skipping = false;
        if (needsInit)
        {
            Enqueue(init);
            _lastInit = init;
        }

        Enqueue(fragment);
        return true;
    }

    /// <summary>Ends the queue: the reader sees the end once it has drained what is queued.</summary>
    internal void Complete() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var chunk))
        {
            chunk.Release();
        }
    }

    private bool Skip()
    {
        Interlocked.Increment(ref _skipped);
        return false;
    }

    private void Enqueue(LiveChunk chunk)
    {
        var retained = chunk.Retain();
        if (_queue.Writer.TryWrite(retained))
        {
            Interlocked.Increment(ref _queued);
        }
        else
        {
            // Completed meanwhile (the viewer left): nothing will read it.
            retained.Release();
        }
    }
}
