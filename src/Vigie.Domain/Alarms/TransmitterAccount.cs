namespace Vigie.Domain.Alarms;

/// <summary>
/// A transmitter account (the panel's "#acct" in DC-09) mapped to a protected site, with its AES key
/// (stored protected, never in clear) and the interval at which it must report (supervision, NULL or
/// test messages). A panel silent for longer than interval + grace is in "défaut de transmission".
/// A disabled account is kept (history, key) but the receiver treats its panel as undeclared and its
/// link is no longer supervised.
/// </summary>
public sealed class TransmitterAccount
{
    private TransmitterAccount()
    {
        Account = string.Empty;
    }

    public TransmitterAccount(string account, SiteId siteId, string? protectedKey, TimeSpan? supervisionInterval, DateTimeOffset createdAt)
    {
        Account = NormaliseAccount(account);
        Id = Guid.CreateVersion7();
        SiteId = siteId;
        ProtectedKey = protectedKey;
        SupervisionInterval = CheckSupervision(supervisionInterval);
        CreatedAt = createdAt;
        SupervisedSince = supervisionInterval is null ? null : createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>3 to 16 upper-case hex digits, as the panel sends it.</summary>
    public string Account { get; private set; }

    public SiteId SiteId { get; private set; }

    /// <summary>The AES key (hex), protected at rest; null when the account sends in clear.</summary>
    public string? ProtectedKey { get; private set; }

    public TimeSpan? SupervisionInterval { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the panel was last heard (any valid message).</summary>
    public DateTimeOffset? LastSeenAt { get; private set; }

    /// <summary>True while the panel is in "défaut de transmission".</summary>
    public bool TransmissionFault { get; private set; }

    /// <summary>True when an administrator has taken the account out of service.</summary>
    public bool Disabled { get; private set; }

    /// <summary>
    /// When supervision last started (declaration with an interval, interval set on an unsupervised account,
    /// account enabled again): a silence is never counted from before it, so re-enabling an account does not
    /// raise a fault for the time it was out of service.
    /// </summary>
    public DateTimeOffset? SupervisedSince { get; private set; }

    public void Seen(DateTimeOffset at)
    {
        if (LastSeenAt is null || at > LastSeenAt)
        {
            LastSeenAt = at;
        }
    }

    /// <summary>Declares again from the command line: site, key (null: in clear) and supervision all replaced.</summary>
    public void Update(SiteId siteId, string? protectedKey, TimeSpan? supervisionInterval, DateTimeOffset now)
    {
        MoveTo(siteId);
        SetKey(protectedKey);
        Supervise(supervisionInterval, now);
    }

    public void MoveTo(SiteId siteId) => SiteId = siteId;

    /// <param name="protectedKey">The new key, already protected; null for a panel that sends in clear.</param>
    public void SetKey(string? protectedKey) => ProtectedKey = protectedKey;

    /// <summary>Sets or removes the supervision interval; removing it also clears a transmission fault, which no longer means anything.</summary>
    public void Supervise(TimeSpan? supervisionInterval, DateTimeOffset now)
    {
        var interval = CheckSupervision(supervisionInterval);
        if (interval is null)
        {
            TransmissionFault = false;
            SupervisedSince = null;
        }
        else if (SupervisionInterval is null)
        {
            SupervisedSince = now;
        }

        SupervisionInterval = interval;
    }

    /// <summary>Takes the account out of service: no supervision while disabled, and no fault left standing.</summary>
    public void Disable()
    {
        Disabled = true;
        TransmissionFault = false;
    }

    /// <summary>
    /// Back in service: supervision counts from now, not from before the account was disabled, and no fault
    /// is carried over (a supervision pass that overlapped the disabling may have left one).
    /// </summary>
    public void Enable(DateTimeOffset now)
    {
        if (Disabled)
        {
            Disabled = false;
            TransmissionFault = false;
            SupervisedSince = SupervisionInterval is null ? null : now;
        }
    }

    public void MarkFault(bool fault) => TransmissionFault = fault;

    /// <summary>Upper-case hex, 3–16 digits; anything else is refused.</summary>
    public static string NormaliseAccount(string account)
    {
        var value = (account ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length is < 3 or > 16 || !value.All(char.IsAsciiHexDigit))
        {
            throw new DomainException("account.invalid", "A transmitter account is 3 to 16 hexadecimal digits.", nameof(Account));
        }

        return value;
    }

    private static TimeSpan? CheckSupervision(TimeSpan? interval)
    {
        if (interval is { } value && (value < TimeSpan.FromSeconds(10) || value > TimeSpan.FromDays(7)))
        {
            throw new DomainException("account.supervision_range", "The supervision interval must be between 10 s and 7 days.", nameof(SupervisionInterval));
        }

        return interval;
    }
}
