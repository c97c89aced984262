using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Intake;

/// <summary>Durable storage of signals: returns once they are committed, throws when they are not.</summary>
public interface ISignalStore
{
    Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken);
}
