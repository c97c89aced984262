using System.Diagnostics.Metrics;
using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;

namespace Vigie.Server.Alarms;

/// <summary>The host's one JSON intake, shared by the webhook endpoint and every MQTT source, with its counters on the alarms meter.</summary>
public sealed class JsonIntakeHolder : IDisposable
{
    private readonly Meter _meter = new(AlarmIntakeService.MeterName);

    public JsonIntakeHolder(SignalBatcherHolder batcher, DbMessageKeyIndex keys, AlarmPriorities priorities, TimeProvider time, ILogger<JsonIntake> logger)
    {
        ArgumentNullException.ThrowIfNull(batcher);
        Intake = new JsonIntake(batcher.Batcher, keys, priorities, time, _meter, logger);
    }

    public JsonIntake Intake { get; }

    public void Dispose() => _meter.Dispose();
}
