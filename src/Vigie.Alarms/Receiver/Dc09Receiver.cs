using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Intake;
using Vigie.Alarms.Payloads;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// What the receiver answers to one DC-09 frame, whatever the transport: parse and check it, refuse a time
/// stamp outside the window, decode its events, store them durably (group commit), and only then ACK —
/// encrypted when the frame was. A retransmission already stored is acknowledged again without a second
/// copy. A frame from an unknown account is stored as "compte inconnu" rather than dropped. Codes the
/// catalog does not know are stored and answered DUH. Anything refused gets a NAK with the receiver's time.
/// A frame read in spite of a tolerated deviation (<see cref="Dc09Deviations"/>: no line prefix, …) is answered
/// like any other — its ACK echoing exactly the fields it had — and counted in <see cref="ToleratedDeviations"/>.
/// </summary>
public sealed partial class Dc09Receiver
{
    public const string Source = "dc09";

    private readonly IAccountDirectory _accounts;
    private readonly SignalBatcher _batcher;
    private readonly TimeProvider _time;
    private readonly Dc09ReceiverOptions _options;
    private readonly AlarmPriorities _priorities;
    private readonly ILogger _logger;
    private readonly RetransmissionMemory _memory;
    private readonly Counter<long> _frames;
    private readonly Counter<long> _signals;
    private readonly Func<string, byte[]?> _keyOf;
    private readonly ToleratedDeviations _deviations;

    public Dc09Receiver(IAccountDirectory accounts, SignalBatcher batcher, TimeProvider time, Dc09ReceiverOptions options, AlarmPriorities priorities, ToleratedDeviations deviations, Meter meter, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _accounts = accounts;
        _batcher = batcher;
        _time = time;
        _options = options;
        _priorities = priorities;
        _deviations = deviations;
        _logger = logger;
        _memory = new RetransmissionMemory(options.RetransmissionWindow);
        _keyOf = account => _accounts.Find(account)?.Key;
        _frames = meter.CreateCounter<long>("vigie.dc09.frames", unit: null, "DC-09 frames received, by answer");
        _signals = meter.CreateCounter<long>("vigie.alarms.signals", unit: null, "Signals stored, by source and account");
    }

    /// <summary>Message keys already stored (e.g. loaded at start from the last window), so that their retransmissions are not stored twice.</summary>
    public void Remember(string messageKey, DateTimeOffset at) => _memory.Remember(_memory.Digest(messageKey), at);

    /// <summary>Handles one frame (without LF and CR) and returns the answer to send.</summary>
    /// <summary>Where frames of configured accounts come from: their connections keep room when strangers fill the receiver.</summary>
    public Dc09KnownSenders Known { get; } = new();

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> frame, string remote, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var parsed = Dc09Parser.Parse(frame.Span, _keyOf);
        if (!parsed.Ok)
        {
            if (parsed.Error == Dc09FrameError.NoKeyForAccount && AccountOf(frame.Span) is { } stranger && _accounts.Find(stranger) is null)
            {
                // Encrypted and from an account nobody declared: it cannot be read, but it is kept and raised.
                await StoreUnknownAsync(stranger, frame, remote, now, cancellationToken).ConfigureAwait(false);
            }

            return Refuse(parsed.Error.ToString(), parsed.Detail, remote, now);
        }

        var message = parsed.Frame!;
        if (message.Timestamp is { } sent && (sent < now - _options.MaxAge || sent > now + _options.MaxAhead))
        {
            return Refuse("TimestampOutOfWindow", $"frame time {sent:O}, receiver time {now:O}", remote, now);
        }

        var account = _accounts.Find(message.Account);
        if (message.Type is Dc09Frame.Ack or Dc09Frame.Nak or Dc09Frame.Duh)
        {
            return Refuse("UnexpectedAnswer", $"a receiver does not take {message.Type}", remote, now);
        }

        var decoded = message.Type switch
        {
            Dc09Frame.SiaDcs => SiaDc03Codec.Decode(message.Payload),
            Dc09Frame.ContactId => ContactIdCodec.Decode(message.Payload),
            Dc09Frame.Null => DecodedPayload.Empty,
            _ => null,
        };
        if (decoded is null)
        {
            _deviations.Record(message.Account, message.Deviations, remote);
            _frames.Add(1, new KeyValuePair<string, object?>("answer", "DUH"));
            LogUnsupported(_logger, message.Type, message.Account, remote);
            return Dc09FrameWriter.Duh(message, now, account?.Key);
        }

        if (!decoded.Ok)
        {
            return Refuse("BadPayload", decoded.Error!, remote, now);
        }

        // Read in spite of a tolerated deviation (missing line prefix, …): counted, logged once per account.
        var deviations = message.Deviations;
        for (var i = 0; i < decoded.Events.Count; i++)
        {
            deviations |= decoded.Events[i].JoinedToModifier ? Dc09Deviations.JoinedItems : Dc09Deviations.None;
        }

        _deviations.Record(message.Account, deviations, remote);

        if (account is not null)
        {
            _accounts.Seen(message.Account, now);
            Known.Saw(remote);
        }

        var key = $"{message.Account}/{message.Sequence:D4}/{message.Type}/{message.Payload}";
        if (decoded.Events.Count > 0 || account is null)
        {
            if (await StoreOnceAsync(key, message, decoded, account, frame, remote, now, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }
        }

        var unsupported = false;
        for (var i = 0; i < decoded.Events.Count; i++)
        {
            unsupported |= !decoded.Events[i].Known;
        }

        _frames.Add(1, new KeyValuePair<string, object?>("answer", unsupported ? "DUH" : "ACK"));
        return unsupported ? Dc09FrameWriter.Duh(message, now, account?.Key) : Dc09FrameWriter.Ack(message, now, account?.Key);
    }

    /// <summary>
    /// Stores the message's signals unless the same message (key) was stored within the window or is being
    /// stored right now — a retransmission that overtakes the first copy's commit (pipelined senders) waits
    /// for it and shares its outcome. Returns null when the message may be acknowledged, else the NAK.
    /// </summary>
    private async Task<byte[]?> StoreOnceAsync(string key, Dc09Frame message, DecodedPayload decoded, AccountInfo? account, ReadOnlyMemory<byte> frame, string remote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var digest = _memory.Digest(key);
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A message without events (an unknown account's NULL) is kept every time it comes, but once per copy in flight.
        switch (_memory.TryBegin(digest, now, checkRecent: decoded.Events.Count > 0, mine.Task, out var first))
        {
            case RetransmissionMemory.Outcome.Recent:
                return Retransmission(message, remote);
            case RetransmissionMemory.Outcome.InFlight:
                try
                {
                    await first!.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    return Refuse("NotStored", ex.Message, remote, now);
                }

                return Retransmission(message, remote);
        }

        var committed = false;
        try
        {
            var refused = await StoreAsync(message, decoded, account, key, frame, remote, now, cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                // Noted before the key is let go, so that a copy arriving now finds it stored.
                _memory.Committed(digest, now);
                committed = true;
                mine.TrySetResult();
            }
            else
            {
                mine.TrySetException(new IOException("the first copy of this message could not be stored"));
            }

            return refused;
        }
        finally
        {
            if (!committed)
            {
                mine.TrySetCanceled(CancellationToken.None);
                _memory.Abandon(digest);
            }
        }
    }

    private async Task<byte[]?> StoreAsync(Dc09Frame message, DecodedPayload decoded, AccountInfo? account, string key, ReadOnlyMemory<byte> frame, string remote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var signals = ToSignals(message, decoded, account, key, frame.Span, remote, now);
        try
        {
            await _batcher.StoreAsync(signals, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored: never acknowledged; the panel will send it again.
            return Refuse("NotStored", ex.Message, remote, now);
        }

        _signals.Add(signals.Count, new KeyValuePair<string, object?>("source", Source), new KeyValuePair<string, object?>("account", message.Account));
        return null;
    }

    private byte[]? Retransmission(Dc09Frame message, string remote)
    {
        LogRetransmission(_logger, message.Account, message.Sequence, remote);
        return null;
    }

    private List<AlarmSignal> ToSignals(Dc09Frame message, DecodedPayload decoded, AccountInfo? account, string key, ReadOnlySpan<byte> frame, string remote, DateTimeOffset now)
    {
        var raw = RawText(frame);
        var extended = message.ExtendedData.Count == 0 ? null : string.Concat(message.ExtendedData.Select(x => $"[{x}]"));
        var verification = message.Extended('V');
        var signals = new List<AlarmSignal>(Math.Max(1, decoded.Events.Count));
        if (decoded.Events.Count == 0)
        {
            // An unknown account's supervision message: nothing happened, but someone is transmitting unannounced.
            signals.Add(new AlarmSignal(Source, now, null, message.Account, message.Type, AlarmCategory.TechnicalFault, false, _priorities.Of(AlarmCategory.TechnicalFault),
                $"Compte inconnu {message.Account} : message {message.Type}", $"Unknown account {message.Account}: {message.Type} message", raw)
            {
                UnknownAccount = true, SentAt = message.Timestamp, MessageKey = key, Remote = remote, ExtendedData = extended, VerificationUrl = verification,
            });
            return signals;
        }

        for (var i = 0; i < decoded.Events.Count; i++)
        {
            var evt = decoded.Events[i];
            var french = account is null ? $"Compte inconnu {message.Account} : {evt.French}" : evt.French;
            var english = account is null ? $"Unknown account {message.Account}: {evt.English}" : evt.English;
            signals.Add(new AlarmSignal(Source, now, account?.SiteId, message.Account, evt.Code, evt.Category, evt.IsRestore, _priorities.Of(evt.Category), french, english, raw)
            {
                Zone = evt.Zone,
                User = evt.User,
                Area = evt.Area,
                SentAt = message.Timestamp,
                MessageKey = key,
                Remote = remote,
                ExtendedData = extended,
                VerificationUrl = verification,
                UnknownAccount = account is null,
            });
        }

        return signals;
    }

    private async Task StoreUnknownAsync(string account, ReadOnlyMemory<byte> frame, string remote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var signal = new AlarmSignal(Source, now, null, account, "ENCRYPTED", AlarmCategory.TechnicalFault, false, _priorities.Of(AlarmCategory.TechnicalFault),
            $"Compte inconnu {account} : message chiffré illisible (aucune clé)", $"Unknown account {account}: encrypted message, no key", RawText(frame.Span))
        {
            UnknownAccount = true, Remote = remote,
        };
        try
        {
            await _batcher.StoreAsync([signal], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnknownNotStored(_logger, account, ex.Message);
        }
    }

    private byte[] Refuse(string reason, string detail, string remote, DateTimeOffset now)
    {
        _frames.Add(1, new KeyValuePair<string, object?>("answer", "NAK"));
        LogRefused(_logger, remote, reason, detail);
        return Dc09FrameWriter.Nak(now);
    }

    /// <summary>The account of a frame that could not be parsed, if its header gets that far ('#' then hex up to '[').</summary>
    private static string? AccountOf(ReadOnlySpan<byte> frame)
    {
        var hash = frame.IndexOf((byte)'#');
        if (hash < 0)
        {
            return null;
        }

        var rest = frame[(hash + 1)..];
        var end = rest.IndexOf((byte)'[');
        if (end is < 3 or > 16)
        {
            return null;
        }

        foreach (var b in rest[..end])
        {
            if (!char.IsAsciiHexDigitUpper((char)b) && !char.IsAsciiDigit((char)b))
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(rest[..end]);
    }

    /// <summary>The frame as text for evidence, LF and CR written as \n and \r.</summary>
    internal static string RawText(ReadOnlySpan<byte> frame) => string.Create(frame.Length + 4, frame, static (chars, bytes) =>
    {
        chars[0] = '\\';
        chars[1] = 'n';
        Encoding.ASCII.GetChars(bytes, chars[2..]);
        chars[^2] = '\\';
        chars[^1] = 'r';
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 from {Remote} refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string remote, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "DC-09 {Type} from account {Account} ({Remote}) is not supported: DUH")]
    private static partial void LogUnsupported(ILogger logger, string type, string account, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "DC-09 retransmission of account {Account} sequence {Sequence} from {Remote}: acknowledged again, stored once")]
    private static partial void LogRetransmission(ILogger logger, string account, int sequence, string remote);

    [LoggerMessage(Level = LogLevel.Error, Message = "Encrypted frame of unknown account {Account} could not be stored: {Reason}")]
    private static partial void LogUnknownNotStored(ILogger logger, string account, string reason);
}
