using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;

namespace Vigie.Bench.Alarms.Parse;

/// <summary>A store that commits at once: the receiver's own cost per frame, without the database.</summary>
internal sealed class NoStore : ISignalStore
{
    public Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken) => Task.CompletedTask;
}
