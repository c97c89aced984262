using System.Diagnostics.Metrics;
using Vigie.Alarms.Intake;

namespace Vigie.Server.Alarms;

/// <summary>The host's one group-commit batcher for every intake (DC-09, supervision, webhook, MQTT), disposed with the host.</summary>
public sealed class SignalBatcherHolder : IAsyncDisposable
{
    private readonly Meter _meter = new(AlarmIntakeService.MeterName);

    public SignalBatcherHolder(DbSignalStore store, ILogger<SignalBatcher> logger)
    {
        Batcher = new SignalBatcher(store, logger, meter: _meter);
    }

    public SignalBatcher Batcher { get; }

    public async ValueTask DisposeAsync()
    {
        await Batcher.DisposeAsync().ConfigureAwait(false);
        _meter.Dispose();
    }
}
