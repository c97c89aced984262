namespace Vigie.Domain.Alarms;

/// <summary>How an intake source delivers its JSON alarm messages.</summary>
public enum IntakeSourceKind
{
    /// <summary>HTTP POST to /api/intake/webhook/{name} with its own bearer token.</summary>
    Webhook,

    /// <summary>Vigie subscribes to a topic filter on an MQTT broker.</summary>
    Mqtt,
}
