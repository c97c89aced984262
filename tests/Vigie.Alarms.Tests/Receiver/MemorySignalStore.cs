using System.Collections.Concurrent;
using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>A store for protocol tests (the database-backed store is tested in the host): can be told to fail.</summary>
internal sealed class MemorySignalStore : ISignalStore
{
    public ConcurrentQueue<AlarmSignal> Signals { get; } = new();

    public volatile bool Fail;

    public Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("disk full");
        }

        foreach (var signal in signals)
        {
            Signals.Enqueue(signal);
        }

        return Task.CompletedTask;
    }
}
