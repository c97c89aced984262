namespace Vigie.Alarms.Intake;

/// <summary>Whether a source's message key (a webhook or MQTT <c>event_id</c>) is already stored: a repeated message is acknowledged, not stored again.</summary>
public interface IMessageKeyIndex
{
    Task<bool> ContainsAsync(string source, string messageKey, CancellationToken cancellationToken);
}
