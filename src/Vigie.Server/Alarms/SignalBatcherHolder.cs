using Vigie.Alarms.Intake;

namespace Vigie.Server.Alarms;

/// <summary>The host's one group-commit batcher for every intake (DC-09, supervision, webhook, MQTT), disposed with the host.</summary>
public sealed class SignalBatcherHolder(DbSignalStore store, ILogger<SignalBatcher> logger) : IAsyncDisposable
{
    public SignalBatcher Batcher { get; } = new(store, logger);

    public ValueTask DisposeAsync() => Batcher.DisposeAsync();
}
