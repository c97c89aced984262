using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Vigie.Alarms.Intake;

namespace Vigie.Alarms.Mqtt;

/// <summary>
/// One MQTT source: connects to its broker with a persistent session (clean session off, a client id of its
/// own, kept by the broker for a day while Vigie is away), subscribes to its topic filter with QoS 1 and hands every message to the JSON intake. A message is
/// acknowledged (PUBACK) only once its signal is committed, or once it is known never to be storable
/// (malformed: acknowledged, logged and counted, so that the broker does not deliver a poison message
/// forever). When storing fails, the client disconnects without acknowledging, so that the broker delivers
/// the message again after the reconnection (MQTT 3.1.1 §4.4). Any failure — broker down, refused login,
/// network — is logged and retried with capped exponential backoff and jitter; it never leaves this source.
/// </summary>
public sealed partial class MqttSourceClient : IAsyncDisposable
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps the session (subscription, unacknowledged and queued QoS 1 messages) while Vigie is away.</summary>
    public static readonly TimeSpan SessionExpiry = TimeSpan.FromDays(1);

    private readonly MqttSourceSettings _settings;
    private readonly IntakeSourceInfo _source;
    private readonly JsonIntake _intake;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly IMqttClient _client;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _run;
    private int _connections;

    /// <param name="time">Clock of the reconnection backoff: real time, since it paces a real network peer.</param>
    public MqttSourceClient(MqttSourceSettings settings, IntakeSourceInfo source, JsonIntake intake, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _source = source;
        _intake = intake;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += _ =>
        {
            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public MqttSourceSettings Settings => _settings;

    public bool IsConnected => _client.IsConnected;

    /// <summary>How many times the client has connected and subscribed (1 after the first connection; more after reconnections).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                attempt = 0;
                Interlocked.Increment(ref _connections);
                LogConnected(_logger, _source.Source, _settings.Host, _settings.Port, _settings.TopicFilter);
                await _disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                LogDisconnected(_logger, _source.Source, _settings.Host, _settings.Port);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(_logger, _source.Source, _settings.Host, _settings.Port, ex.Message);
            }

            try
            {
                await Task.Delay(Backoff(attempt++), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithClientId(_settings.ClientId)
            .WithCleanSession(false)
            // MQTT 5 (MQTTnet's default) ends a session when the connection closes unless it has an expiry: without one
            // the broker would forget the unacknowledged messages and those published while Vigie was away.
            .WithSessionExpiryInterval((uint)SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_settings.Username is { } user)
        {
            builder = builder.WithCredentials(user, _settings.Password);
        }

        if (_settings.Tls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var connected = await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {connected.ResultCode}");
        }

        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_settings.TopicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        var subscribed = await _client.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        var code = subscribed.Items.Count == 0 ? MqttClientSubscribeResultCode.UnspecifiedError : subscribed.Items.First().ResultCode;
        if (code is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
        {
            throw new InvalidOperationException($"the broker refused the subscription to '{_settings.TopicFilter}': {code}");
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Acknowledge by hand, after the commit (MQTTnet sends PUBACK itself when the handler returns otherwise).
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;
        // Past the cap, one byte more than it is enough for the intake to refuse the message as too large.
        var length = (int)Math.Min(message.Payload.Length, JsonIntake.MaxBodyBytes + 1);
        var body = new byte[length];
        message.Payload.Slice(0, length).CopyTo(body);

        var topic = message.Topic ?? string.Empty;
        var extended = topic.Length <= 1990 ? $"topic={topic}" : null;
        JsonIntakeResult result;
        try
        {
            result = await _intake.HandleAsync(_source, body, $"{_settings.Host}:{_settings.Port}", extended, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (result.Outcome == JsonIntakeOutcome.Failed)
        {
            // Not stored: no PUBACK. Drop the connection so that the broker sends it again once we are back.
            LogRedelivery(_logger, _source.Source, result.EventId ?? "?");
            _ = _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build());
            return;
        }

        try
        {
            await e.AcknowledgeAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The connection dropped between commit and PUBACK: the broker will redeliver, and the event id stores it once.
            LogAckFailed(_logger, _source.Source, ex.Message);
        }
    }

    /// <summary>0.5 s, 1 s, 2 s… capped at 30 s, each ±20 % so that sources cut off together do not reconnect together.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var ticks = Math.Min(MaxRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt, 16));
        return TimeSpan.FromTicks((long)(ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }

        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDisconnectFailed(_logger, _source.Source, ex.Message);
        }

        _client.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT {Source}: connected to {Host}:{Port}, subscribed to {TopicFilter} (QoS 1)")]
    private static partial void LogConnected(ILogger logger, string source, string host, int port, string topicFilter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Source}: disconnected from {Host}:{Port}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string source, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Source}: cannot connect to {Host}:{Port} ({Reason}); retrying")]
    private static partial void LogConnectFailed(ILogger logger, string source, string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Source}: event {EventId} not stored, not acknowledged; reconnecting so that the broker sends it again")]
    private static partial void LogRedelivery(ILogger logger, string source, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Source}: acknowledgement not sent ({Reason}); the broker will send the message again")]
    private static partial void LogAckFailed(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT {Source}: disconnect on stop failed ({Reason})")]
    private static partial void LogDisconnectFailed(ILogger logger, string source, string reason);
}
