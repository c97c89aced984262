using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Json;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Intake;

/// <summary>
/// The one path from a JSON alarm message to a stored signal, for webhooks and MQTT alike: size cap, strict
/// parse, site of the source, normalisation with the installation's priorities, idempotency on the source's
/// <c>event_id</c>, then durable storage through the group-commit batcher. The caller acknowledges its sender
/// (HTTP 200, MQTT PUBACK) only for <see cref="JsonIntakeOutcome.Accepted"/> and
/// <see cref="JsonIntakeOutcome.Duplicate"/>, both of which mean the signal is committed.
/// </summary>
public sealed partial class JsonIntake
{
    /// <summary>A message body is capped at 64 KiB: an alarm is a few hundred bytes; the whole body is kept as evidence.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SignalBatcher _batcher;
    private readonly IMessageKeyIndex _keys;
    private readonly AlarmPriorities _priorities;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Counter<long> _messages;

    /// <summary>Messages being stored, by source and event id: a second copy arriving meanwhile waits for the first instead of racing it into the database.</summary>
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    public JsonIntake(SignalBatcher batcher, IMessageKeyIndex keys, AlarmPriorities priorities, TimeProvider time, Meter meter, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _batcher = batcher;
        _keys = keys;
        _priorities = priorities;
        _time = time;
        _logger = logger;
        _messages = meter.CreateCounter<long>("vigie.intake.messages", unit: null, "JSON alarm messages of webhook and MQTT sources, by source and outcome");
    }

    public async Task<JsonIntakeResult> HandleAsync(IntakeSourceInfo source, ReadOnlyMemory<byte> body, string? remote, string? extendedData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (body.Length > MaxBodyBytes)
        {
            return Reject(source, remote, "$", $"The message is {body.Length} bytes; at most {MaxBodyBytes} are taken.");
        }

        var parsed = JsonAlarmParser.Parse(body);
        if (!parsed.Ok)
        {
            return Reject(source, remote, parsed.Field!, parsed.Error!);
        }

        var message = parsed.Message!;
        string raw;
        try
        {
            raw = StrictUtf8.GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return Reject(source, remote, "$", "The body is not valid UTF-8.");
        }

        if (source.SiteFor(message.Site) is not { } site)
        {
            return Reject(source, remote, "site", $"'site' names '{message.Site}', which is not a site this source may post for.");
        }

        var key = source.Source + "\n" + message.EventId;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!_inFlight.TryAdd(key, done.Task))
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                await running.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            if (await _keys.ContainsAsync(source.Source, message.EventId, cancellationToken).ConfigureAwait(false))
            {
                LogDuplicate(_logger, source.Source, message.EventId);
                Count(source, JsonIntakeOutcome.Duplicate);
                return new JsonIntakeResult(JsonIntakeOutcome.Duplicate, message.EventId);
            }

            var signal = JsonAlarmNormaliser.ToSignal(message, source, site, _priorities, _time.GetUtcNow(), raw, remote, extendedData);
            await _batcher.StoreAsync([signal], cancellationToken).ConfigureAwait(false);
            Count(source, JsonIntakeOutcome.Accepted);
            return new JsonIntakeResult(JsonIntakeOutcome.Accepted, message.EventId, signal.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotStored(_logger, source.Source, message.EventId, ex.Message);
            Count(source, JsonIntakeOutcome.Failed);
            return new JsonIntakeResult(JsonIntakeOutcome.Failed, message.EventId, Error: "The alarm could not be stored; send it again.");
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
            done.TrySetResult();
        }
    }

    private JsonIntakeResult Reject(IntakeSourceInfo source, string? remote, string field, string error)
    {
        LogRejected(_logger, source.Source, remote ?? "?", field, error);
        Count(source, JsonIntakeOutcome.Rejected);
        return new JsonIntakeResult(JsonIntakeOutcome.Rejected, Field: field, Error: error);
    }

    private void Count(IntakeSourceInfo source, JsonIntakeOutcome outcome) =>
        _messages.Add(1, new KeyValuePair<string, object?>("source", source.Source), new KeyValuePair<string, object?>("outcome", OutcomeLabel(outcome)));

    public static string OutcomeLabel(JsonIntakeOutcome outcome) => outcome switch
    {
        JsonIntakeOutcome.Accepted => "accepted",
        JsonIntakeOutcome.Duplicate => "duplicate",
        JsonIntakeOutcome.Rejected => "rejected",
        _ => "failed",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake {Source}: message from {Remote} rejected ({Field}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string source, string remote, string field, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake {Source}: event {EventId} already stored; acknowledged again, stored once")]
    private static partial void LogDuplicate(ILogger logger, string source, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intake {Source}: event {EventId} could not be stored ({Reason}); not acknowledged")]
    private static partial void LogNotStored(ILogger logger, string source, string eventId, string reason);
}
