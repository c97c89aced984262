using Vigie.Alarms.Intake;
using Vigie.Alarms.Mqtt;
using Vigie.Domain.Alarms;

namespace Vigie.Server.Alarms;

/// <summary>One intake source as the host runs it: what the JSON intake needs, the webhook token's hash, or the MQTT connection (password unprotected, in memory only).</summary>
public sealed record IntakeSourceEntry(string Name, IntakeSourceKind Kind, bool Enabled, IntakeSourceInfo Info, byte[]? TokenHash, MqttSourceSettings? Mqtt);
