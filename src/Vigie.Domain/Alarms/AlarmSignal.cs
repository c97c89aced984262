namespace Vigie.Domain.Alarms;

/// <summary>
/// One event as received, normalised whatever its source (DC-09 panel, webhook, MQTT, supervision): what
/// happened, where, how urgent, when, and the raw message kept as evidence. Append-only: a signal is
/// stored before it is acknowledged and never changed after.
/// </summary>
public sealed class AlarmSignal
{
    private AlarmSignal()
    {
        Source = string.Empty;
        Code = string.Empty;
        French = string.Empty;
        English = string.Empty;
        Raw = string.Empty;
    }

    public AlarmSignal(
        string source,
        DateTimeOffset receivedAt,
        SiteId? siteId,
        string? account,
        string code,
        AlarmCategory category,
        bool isRestore,
        int priority,
        string french,
        string english,
        string raw)
    {
        Source = source;
        ReceivedAt = receivedAt;
        SiteId = siteId;
        Account = account;
        Code = code;
        Category = category;
        IsRestore = isRestore;
        Priority = priority;
        French = french;
        English = english;
        Raw = raw;
    }

    public long Id { get; private set; }

    /// <summary>
    /// The storage's id, for writers that insert without EF Core's change tracking (the bulk inserter):
    /// set once, after the row is committed.
    /// </summary>
    public void AssignStoredId(long id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(id, 0);
        if (Id != 0 && Id != id)
        {
            throw new InvalidOperationException($"Signal already stored as {Id}.");
        }

        Id = id;
    }

    /// <summary>"dc09", "webhook:NAME", "mqtt:NAME", "supervision".</summary>
    public string Source { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Null when the account is unknown ("compte inconnu").</summary>
    public SiteId? SiteId { get; private set; }

    public string? Account { get; private set; }

    public string Code { get; private set; }

    public AlarmCategory Category { get; private set; }

    public bool IsRestore { get; private set; }

    /// <summary>1 most urgent … 9 least.</summary>
    public int Priority { get; private set; }

    public string French { get; private set; }

    public string English { get; private set; }

    public string? Zone { get; init; }

    public string? User { get; init; }

    public string? Area { get; init; }

    /// <summary>The time the sender put on the message, when it did.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>A verification video or picture the sender pointed to (DC-09 extended data [V…]).</summary>
    public string? VerificationUrl { get; init; }

    /// <summary>Other extended data, e.g. position ([X…][Y…]), as sent.</summary>
    public string? ExtendedData { get; init; }

    /// <summary>The message as received (a DC-09 frame with LF/CR shown as \n and \r, a JSON body…).</summary>
    public string Raw { get; private set; }

    /// <summary>Identifies one message across retransmissions (DC-09: account, sequence, CRC).</summary>
    public string? MessageKey { get; init; }

    /// <summary>Where it came from (IP:port).</summary>
    public string? Remote { get; init; }

    /// <summary>Sent by an account no site is mapped to: stored and raised as "compte inconnu", never dropped.</summary>
    public bool UnknownAccount { get; init; }
}
