using Vigie.Alarms.Mqtt;
using Vigie.Domain.Alarms;
using Vigie.Server.Hosting;

namespace Vigie.Server.Alarms;

/// <summary>
/// Keeps one MQTT client per enabled MQTT source: reloads the sources every 5 s, starts the clients of new or
/// re-enabled sources, stops those of removed or disabled ones, and restarts a client whose broker, topic or
/// credentials changed. A client that cannot reach its broker retries on its own; nothing here lets one
/// source's failure reach another or the host.
/// </summary>
public sealed partial class MqttIntakeService(
    IntakeSourceDirectory sources,
    JsonIntakeHolder intake,
    SupervisedLoops loops,
    ILoggerFactory loggers,
    ILogger<MqttIntakeService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, MqttSourceClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The running client of an MQTT source, if any (tests, the sources list).</summary>
    public MqttSourceClient? Client(string name)
    {
        lock (_clients)
        {
            return _clients.GetValueOrDefault(name);
        }
    }

    /// <summary>The supervised "mqtt-intake" loop: the sources reloaded every 5 s.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("mqtt-intake", RefreshAsync, Tick, stoppingToken);

    /// <summary>Reloads the sources and brings the clients in line with them.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await sources.ReloadAsync(cancellationToken).ConfigureAwait(false);
            var wanted = sources.All.Where(s => s.Kind == IntakeSourceKind.Mqtt && s.Enabled && s.Mqtt is not null).ToDictionary(s => s.Name, StringComparer.Ordinal);
            List<MqttSourceClient> stopping = [];
            lock (_clients)
            {
                foreach (var (name, client) in _clients.ToList())
                {
                    if (!wanted.TryGetValue(name, out var entry) || entry.Mqtt != client.Settings)
                    {
                        stopping.Add(client);
                        _clients.Remove(name);
                    }
                }
            }

            foreach (var client in stopping)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            lock (_clients)
            {
                foreach (var (name, entry) in wanted)
                {
                    if (!_clients.ContainsKey(name))
                    {
                        var client = new MqttSourceClient(entry.Mqtt!, entry.Info, intake.Intake, SystemClocks.Network, loggers.CreateLogger<MqttSourceClient>());
                        _clients[name] = client;
                        client.Start();
                        LogStarted(logger, entry.Info.Source, entry.Mqtt!.Host, entry.Mqtt.Port, entry.Mqtt.TopicFilter);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        List<MqttSourceClient> clients;
        lock (_clients)
        {
            clients = [.. _clients.Values];
            _clients.Clear();
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT intake {Source}: subscribing to {TopicFilter} on {Host}:{Port}")]
    private static partial void LogStarted(ILogger logger, string source, string host, int port, string topicFilter);
}
