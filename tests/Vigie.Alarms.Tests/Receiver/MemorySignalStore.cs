using System.Collections.Concurrent;
using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>
/// A store for protocol tests (the database-backed store is tested in the host): can be told to fail, or to
/// hold each batch until the test lets it through (<see cref="Gate"/>), so that what waits for a commit can be seen.
/// </summary>
internal sealed class MemorySignalStore : ISignalStore
{
    private int _entered;

    public ConcurrentQueue<AlarmSignal> Signals { get; } = new();

    /// <summary>Every committed batch, in commit order.</summary>
    public ConcurrentQueue<IReadOnlyList<AlarmSignal>> Batches { get; } = new();

    public volatile bool Fail;

    /// <summary>When set, each batch waits for one release before it is committed.</summary>
    public SemaphoreSlim? Gate { get; set; }

    /// <summary>Batches handed to the store so far (committed or waiting at the gate).</summary>
    public int Entered => Volatile.Read(ref _entered);

    public async Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _entered);
        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        if (Fail)
        {
            throw new IOException("disk full");
        }

        Batches.Enqueue([.. signals]);
        foreach (var signal in signals)
        {
            Signals.Enqueue(signal);
        }
    }
}
