using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Watches the MQTT client of one source: waits (real time, bounded) for its n-th connection.</summary>
internal sealed class MqttSourceClientProbe(MqttIntakeService service, string source)
{
    public bool Connected => service.Client(source)?.IsConnected ?? false;

    public int Connections => service.Client(source)?.Connections ?? 0;

    public async Task WaitConnectionsAsync(int count, MosquittoBroker broker)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(40);
        while (service.Client(source) is not { } client || client.Connections < count || !client.IsConnected)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"the MQTT client of {source} did not connect {count} time(s); broker log:\n{broker.Log}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
