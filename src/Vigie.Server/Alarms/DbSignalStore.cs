using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;
using Vigie.Storage.Alarms;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>Stores a batch of signals in one transaction; returns only once it is committed (durable).</summary>
public sealed class DbSignalStore(VigieDbFactory dbFactory) : ISignalStore
{
    /// <summary>Raised after each committed batch (consoles refresh their signal lists).</summary>
    public event Action<IReadOnlyList<AlarmSignal>>? Stored;

    public async Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        await AlarmSignalInserter.InsertAsync(dbFactory, signals, cancellationToken).ConfigureAwait(false);
        Stored?.Invoke(signals);
    }
}
