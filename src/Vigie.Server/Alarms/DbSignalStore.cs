using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;
using Vigie.Storage.Alarms;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>
/// Stores a batch of signals in one transaction; returns only once it is committed (durable). Called by the
/// group commit's single writer, on a connection kept open from one batch to the next.
/// </summary>
public sealed class DbSignalStore(VigieDbFactory dbFactory, ILogger<AlarmSignalWriter> logger) : ISignalStore, IAsyncDisposable
{
    private readonly AlarmSignalWriter _writer = new(dbFactory, logger);

    /// <summary>Raised after each committed batch (consoles refresh their signal lists).</summary>
    public event Action<IReadOnlyList<AlarmSignal>>? Stored;

    public async Task StoreAsync(IReadOnlyList<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(signals, cancellationToken).ConfigureAwait(false);
        Stored?.Invoke(signals);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
