namespace Vigie.Server.Api;

/// <summary>A new MQTT source: name, sites (the first is the default), broker (mqtt://host:port), topic filter and optional credentials; the password is write-only.</summary>
public sealed record MqttSourceInput(string? Name, IReadOnlyList<string>? Sites, string? Broker, string? Topic, string? Username, string? Password);
