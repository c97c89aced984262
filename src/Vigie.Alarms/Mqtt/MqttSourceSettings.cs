using System.Text;

namespace Vigie.Alarms.Mqtt;

/// <summary>
/// How to reach one MQTT source's broker. The password is in clear here (in memory only, to log in); it is
/// left out of <see cref="ToString"/> so that it can never reach a log line.
/// </summary>
public sealed record MqttSourceSettings(string Host, int Port, bool Tls, string TopicFilter, string ClientId, string? Username, string? Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host).Append(", Port = ").Append(Port).Append(", Tls = ").Append(Tls)
            .Append(", TopicFilter = ").Append(TopicFilter).Append(", ClientId = ").Append(ClientId).Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Password is null ? "none" : "***");
        return true;
    }
}
