using System.Diagnostics.Metrics;
using Vigie.Alarms.Intake;

namespace Vigie.Server.Alarms;

/// <summary>The host's one group-commit batcher for every intake (DC-09, supervision, webhook, MQTT), disposed with the host.</summary>
public sealed class SignalBatcherHolder : IAsyncDisposable
{
    public SignalBatcherHolder(DbSignalStore store, IMeterFactory meters, ILogger<SignalBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory's meter, shared by the host's alarm intake and disposed with the host.
        Batcher = new SignalBatcher(store, logger, meter: meters.Create(AlarmIntakeService.MeterName));
    }

    public SignalBatcher Batcher { get; }

    public async ValueTask DisposeAsync()
    {
        await Batcher.DisposeAsync().ConfigureAwait(false);
    }
}
