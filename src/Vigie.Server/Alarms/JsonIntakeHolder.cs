using System.Diagnostics.Metrics;
using Vigie.Alarms.Intake;
using Vigie.Domain.Alarms;

namespace Vigie.Server.Alarms;

/// <summary>The host's one JSON intake, shared by the webhook endpoint and every MQTT source, with its counters on the alarms meter.</summary>
public sealed class JsonIntakeHolder
{
    public JsonIntakeHolder(SignalBatcherHolder batcher, DbMessageKeyIndex keys, AlarmPriorities priorities, TimeProvider time, IMeterFactory meters, ILogger<JsonIntake> logger)
    {
        ArgumentNullException.ThrowIfNull(batcher);
        ArgumentNullException.ThrowIfNull(meters);
        // The factory's meter, shared by the host's alarm intake and disposed with the host.
        Intake = new JsonIntake(batcher.Batcher, keys, priorities, time, meters.Create(AlarmIntakeService.MeterName), logger);
    }

    public JsonIntake Intake { get; }
}
