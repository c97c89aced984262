using System.Security.Cryptography;
using System.Text;

namespace Vigie.Domain.Alarms.Handling;

/// <summary>An intervenant of the roster: a patrol agent who can be sent to a site.</summary>
public sealed class PatrolAgent
{
    private PatrolAgent()
    {
        Name = string.Empty;
        Company = string.Empty;
        Phone = string.Empty;
    }

    public PatrolAgent(Guid id, string name, string company, string phone, bool available)
    {
        Id = id;
        Name = string.Empty;
        Company = string.Empty;
        Phone = string.Empty;
        Update(name, company, phone, available);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Company { get; private set; }

    public string Phone { get; private set; }

    /// <summary>Disponible: may be sent now.</summary>
    public bool Available { get; private set; }

    public void Update(string name, string company, string phone, bool available)
    {
        Name = Guard.Text(name, nameof(Name), "patrol.name_required");
        Company = company?.Trim() ?? string.Empty;
        Phone = Guard.Text(phone, nameof(Phone), "patrol.phone_required");
        Available = available;
    }
}

/// <summary>Where a patrol sent to an alarm stands: envoyé → accepté → sur place → terminé (or annulé).</summary>
public enum PatrolStatus
{
    Sent,
    Accepted,
    OnSite,
    Finished,
    Cancelled,
}

/// <summary>
/// A patrol agent sent to an alarm, with the status timeline and the agent's report. The agent moves it on from a
/// phone through a link carrying a random token (only its SHA-256 is stored); the link stops working once the
/// agent has finished, the dispatch is cancelled or the alarm is closed.
/// </summary>
public sealed class PatrolDispatch
{
    public const int MaxReportLength = 4000;

    private PatrolDispatch()
    {
        AgentName = string.Empty;
        AgentPhone = string.Empty;
        Report = string.Empty;
        TokenHash = string.Empty;
        SentByName = string.Empty;
    }

    private PatrolDispatch(long alarmId, PatrolAgent agent, string tokenHash, string sentByName, DateTimeOffset at)
    {
        AlarmId = alarmId;
        AgentId = agent.Id;
        AgentName = agent.Name;
        AgentPhone = agent.Phone;
        TokenHash = tokenHash;
        SentByName = sentByName;
        SentAt = at;
        Report = string.Empty;
        Status = PatrolStatus.Sent;
    }

    public long Id { get; private set; }

    public long AlarmId { get; private set; }

    public Guid AgentId { get; private set; }

    public string AgentName { get; private set; }

    public string AgentPhone { get; private set; }

    public PatrolStatus Status { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? OnSiteAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string Report { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>Set when the alarm closes: the agent's link no longer works.</summary>
    public bool LinkExpired { get; private set; }

    public string SentByName { get; private set; }

    public bool LinkUsable => !LinkExpired && Status is not PatrolStatus.Finished and not PatrolStatus.Cancelled;

    /// <summary>A new dispatch and the token of its link (given once, to the agent; only its hash is kept).</summary>
    public static (PatrolDispatch Dispatch, string Token) Send(long alarmId, PatrolAgent agent, string sentByName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!agent.Available)
        {
            throw new DomainException("patrol.unavailable", $"{agent.Name} is not available.", "agentId");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new PatrolDispatch(alarmId, agent, HashOf(token), sentByName, at), token);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    /// <summary>The agent moves the dispatch on (forward only); "terminé" needs the report. Returns the main-courante sentence.</summary>
    public string Advance(PatrolStatus next, string? report, DateTimeOffset at)
    {
        if (!LinkUsable)
        {
            throw DomainException.Conflict("patrol.link_used", "This intervention is over: its link no longer works.");
        }

        if (next is PatrolStatus.Sent or PatrolStatus.Cancelled || next <= Status)
        {
            throw DomainException.Conflict("patrol.status_order", $"The intervention is already '{Status}'.");
        }

        report = report?.Trim() ?? string.Empty;
        if (report.Length > MaxReportLength)
        {
            throw new DomainException("patrol.report_too_long", $"The report is at most {MaxReportLength} characters.", nameof(Report));
        }

        if (next == PatrolStatus.Finished && report.Length == 0)
        {
            throw new DomainException("patrol.report_required", "Write the report of the intervention.", nameof(Report));
        }

        Status = next;
        switch (next)
        {
            case PatrolStatus.Accepted:
                AcceptedAt = at;
                break;
            case PatrolStatus.OnSite:
                OnSiteAt = at;
                break;
            default:
                FinishedAt = at;
                Report = report;
                break;
        }

        return $"Alarme #{AlarmId} : intervenant {AgentName} — {FrenchStatus(next)}{(report.Length > 0 ? $". Rapport : {report}" : string.Empty)}.";
    }

    /// <summary>Cancelled by the alarm's holder (the agent is called off).</summary>
    public string Cancel(string byName)
    {
        if (!LinkUsable)
        {
            throw DomainException.Conflict("patrol.link_used", "This intervention is already over.");
        }

        Status = PatrolStatus.Cancelled;
        return $"Alarme #{AlarmId} : intervention de {AgentName} annulée par {byName}.";
    }

    public void ExpireLink() => LinkExpired = true;

    public static string FrenchStatus(PatrolStatus status) => status switch
    {
        PatrolStatus.Sent => "envoyé",
        PatrolStatus.Accepted => "accepté",
        PatrolStatus.OnSite => "sur place",
        PatrolStatus.Finished => "terminé",
        _ => "annulé",
    };
}
