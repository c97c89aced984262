using Vigie.Domain;

namespace Vigie.Server.Alarms;

/// <summary>An MQTT broker as written on the command line or in the API: <c>mqtt://host[:1883]</c> or <c>mqtts://host[:8883]</c>.</summary>
public sealed record MqttBrokerAddress(string Host, int Port, bool Tls)
{
    public static MqttBrokerAddress Parse(string url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath is not ("" or "/") || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query))
        {
            throw new DomainException("intake.broker_invalid", "The broker must be written mqtt://host[:port] or mqtts://host[:port] (credentials go in --username and --password-file).", "Broker");
        }

        var tls = uri.Scheme == "mqtts";
        return new MqttBrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port, tls);
    }

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
