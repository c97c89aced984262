namespace Vigie.Domain.Alarms;

/// <summary>
/// A system that sends alarms as JSON messages rather than DC-09: a webhook (it POSTs to Vigie with its own
/// token, of which only the SHA-256 is kept) or an MQTT subscription (Vigie connects to its broker; the
/// password is kept protected). Its signals go to its default site unless a message names another of its
/// sites. A disabled source is refused (webhook) or not subscribed (MQTT).
/// </summary>
public sealed class IntakeSource
{
    public const int MaxNameLength = 64;

    private readonly List<IntakeSourceSite> _otherSites = [];

    private IntakeSource()
    {
        Name = string.Empty;
    }

    private IntakeSource(string name, IntakeSourceKind kind, SiteId defaultSite, IEnumerable<SiteId> otherSites, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        Name = NormaliseName(name);
        Kind = kind;
        DefaultSiteId = defaultSite;
        foreach (var site in otherSites.Distinct().Where(s => s != defaultSite))
        {
            _otherSites.Add(new IntakeSourceSite(Id, site));
        }

        Enabled = true;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Lower-case letters, digits, '-', '_' and '.', 1 to 64: it is part of the webhook URL and of the signals' source ("webhook:NAME").</summary>
    public string Name { get; private set; }

    public IntakeSourceKind Kind { get; private set; }

    /// <summary>Where a message that names no site goes.</summary>
    public SiteId DefaultSiteId { get; private set; }

    /// <summary>The other sites a message of this source may name.</summary>
    public IReadOnlyList<IntakeSourceSite> OtherSites => _otherSites;

    public bool Enabled { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Webhook: SHA-256 (hex) of the bearer token; the token itself is shown once and never stored.</summary>
    public string? TokenHash { get; private set; }

    /// <summary>MQTT: broker host name or address.</summary>
    public string? BrokerHost { get; private set; }

    public int? BrokerPort { get; private set; }

    /// <summary>MQTT over TLS (mqtts://).</summary>
    public bool BrokerTls { get; private set; }

    /// <summary>MQTT topic filter subscribed to with QoS 1 (wildcards + and # allowed).</summary>
    public string? TopicFilter { get; private set; }

    public string? Username { get; private set; }

    /// <summary>MQTT password, protected at rest; null when the broker takes no password.</summary>
    public string? ProtectedPassword { get; private set; }

    /// <summary>The "source" of this source's signals.</summary>
    public string SignalSource => SignalSourceOf(Kind, Name);

    public static string SignalSourceOf(IntakeSourceKind kind, string name) => (kind == IntakeSourceKind.Webhook ? "webhook:" : "mqtt:") + name;

    public static IntakeSource Webhook(string name, SiteId defaultSite, IEnumerable<SiteId> otherSites, string tokenHash, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        return new IntakeSource(name, IntakeSourceKind.Webhook, defaultSite, otherSites, createdAt) { TokenHash = tokenHash };
    }

    public static IntakeSource Mqtt(string name, SiteId defaultSite, IEnumerable<SiteId> otherSites, string host, int port, bool tls, string topicFilter, string? username, string? protectedPassword, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(host) || host.Length > 253)
        {
            throw new DomainException("intake.broker_invalid", "The MQTT broker needs a host name.", nameof(BrokerHost));
        }

        if (port is < 1 or > 65535)
        {
            throw new DomainException("intake.broker_invalid", "The MQTT broker port must be between 1 and 65535.", nameof(BrokerPort));
        }

        if (string.IsNullOrWhiteSpace(topicFilter) || topicFilter.Length > 200 || !IsValidTopicFilter(topicFilter))
        {
            throw new DomainException("intake.topic_invalid", "The topic filter must be a valid MQTT filter ('+' for one level, '#' only at the end), at most 200 characters.", nameof(TopicFilter));
        }

        return new IntakeSource(name, IntakeSourceKind.Mqtt, defaultSite, otherSites, createdAt)
        {
            BrokerHost = host.Trim(), BrokerPort = port, BrokerTls = tls, TopicFilter = topicFilter, Username = string.IsNullOrEmpty(username) ? null : username, ProtectedPassword = protectedPassword,
        };
    }

    public void Enable(bool enabled) => Enabled = enabled;

    /// <summary>Replaces the webhook token (the old one stops working at once).</summary>
    public void ReplaceToken(string tokenHash)
    {
        if (Kind != IntakeSourceKind.Webhook)
        {
            throw new DomainException("intake.not_webhook", "Only a webhook source has a token.", nameof(TokenHash));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        TokenHash = tokenHash;
    }

    /// <summary>Lower-case; letters, digits, '-', '_', '.'; 1 to 64 characters. Anything else is refused.</summary>
    public static string NormaliseName(string name)
    {
        var value = (name ?? string.Empty).Trim().ToLowerInvariant();
        if (value.Length is < 1 or > MaxNameLength || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
        {
            throw new DomainException("intake.name_invalid", "A source name is 1 to 64 lower-case letters, digits, '-', '_' or '.'.", nameof(Name));
        }

        return value;
    }

    /// <summary>MQTT 3.1.1 §4.7: '#' alone or as the last level, '+' alone in its level.</summary>
    private static bool IsValidTopicFilter(string filter)
    {
        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if ((level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1)) || (level.Contains('+', StringComparison.Ordinal) && level != "+"))
            {
                return false;
            }
        }

        return true;
    }
}
