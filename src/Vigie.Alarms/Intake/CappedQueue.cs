using System.Threading.Channels;

namespace Vigie.Alarms.Intake;

/// <summary>
/// A queue with one reader and a cap on the items it holds, without a lock on the way in: a bounded
/// <see cref="Channel"/> takes its lock for every write and every read, and with a hundred connections on
/// two cores that lock was a tenth of the receiver's CPU (threads spinning on it while its holder waited
/// for a core). Items go through an unbounded single-reader channel; an interlocked count enforces the
/// cap, and a writer that finds the queue full waits for the reader to <see cref="Release"/> room.
/// </summary>
public sealed class CappedQueue<T>
{
    private readonly Channel<T> _items;
    private readonly int _capacity;
    private int _count;
    private TaskCompletionSource? _room;

    public CappedQueue(int capacity, bool singleWriter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = singleWriter });
    }

    public ChannelReader<T> Reader => _items.Reader;

    /// <summary>Items written and not yet released by the reader.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Queues <paramref name="item"/> unless the queue is full; throws <see cref="ChannelClosedException"/> once completed.</summary>
    public bool TryWrite(T item)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        if (!_items.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _count);
            throw new ChannelClosedException();
        }

        return true;
    }

    /// <summary>Queues <paramref name="item"/>, waiting for room while the queue is full.</summary>
    public async ValueTask WriteAsync(T item, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before trying, so that room made between the try and the wait is not missed.
            var room = Room();
            if (TryWrite(item))
            {
                return;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The reader is done with <paramref name="count"/> items: they leave room for writers.</summary>
    public void Release(int count)
    {
        Interlocked.Add(ref _count, -count);
        Interlocked.Exchange(ref _room, null)?.TrySetResult();
    }

    /// <summary>No more items: the reader ends once it has read those queued.</summary>
    public void Complete() => _items.Writer.TryComplete();

    private Task Room()
    {
        var room = Volatile.Read(ref _room);
        if (room is null)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            room = Interlocked.CompareExchange(ref _room, created, null) ?? created;
        }

        return room.Task;
    }
}
