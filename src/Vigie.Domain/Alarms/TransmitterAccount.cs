namespace Vigie.Domain.Alarms;

/// <summary>
/// A transmitter account (the panel's "#acct" in DC-09) mapped to a protected site, with its AES key
/// (stored protected, never in clear) and the interval at which it must report (supervision, NULL or
/// test messages). A panel silent for longer than interval + grace is in "défaut de transmission".
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
        if (supervisionInterval is { } interval && (interval < TimeSpan.FromSeconds(10) || interval > TimeSpan.FromDays(7)))
        {
            throw new DomainException("account.supervision_range", "The supervision interval must be between 10 s and 7 days.", nameof(SupervisionInterval));
        }

        Id = Guid.CreateVersion7();
        SiteId = siteId;
        ProtectedKey = protectedKey;
        SupervisionInterval = supervisionInterval;
        CreatedAt = createdAt;
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

    public void Seen(DateTimeOffset at)
    {
        if (LastSeenAt is null || at > LastSeenAt)
        {
            LastSeenAt = at;
        }
    }

    public void Update(SiteId siteId, string? protectedKey, TimeSpan? supervisionInterval)
    {
        SiteId = siteId;
        ProtectedKey = protectedKey;
        SupervisionInterval = supervisionInterval;
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
}
