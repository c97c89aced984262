using System.Security.Cryptography;
using System.Text;

namespace Vigie.Domain.Equipment;

/// <summary>
/// The centre's own equipment declared by hand (UPS, air conditioning, fire panel…): its state is set by an
/// operator or reported by the device itself through its webhook (a secret token, stored as its hash). A device
/// with a report interval that stays silent longer than that is in fault ("plus de nouvelles").
/// </summary>
public sealed class ManualEquipment
{
    public const int MaxDetailLength = 300;

    public static readonly TimeSpan MinimumReportInterval = TimeSpan.FromSeconds(10);

    private ManualEquipment()
    {
        Name = string.Empty;
        Category = string.Empty;
        Detail = string.Empty;
        TokenHash = string.Empty;
    }

    public ManualEquipment(string name, string category, SiteId? siteId, TimeSpan? reportInterval, DateTimeOffset now, out string token)
        : this()
    {
        Update(name, category, siteId, reportInterval);
        State = EquipmentState.Ok;
        ReportedAt = now;
        CreatedAt = now;
        token = NewToken();
    }

    public long Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>What it is, in the centre's words: onduleur, climatisation, centrale incendie…</summary>
    public string Category { get; private set; }

    public SiteId? SiteId { get; private set; }

    /// <summary>When set, the device must report at least this often (webhook), or it is in fault.</summary>
    public TimeSpan? ReportInterval { get; private set; }

    /// <summary>The state last set or reported (ok, degraded or fault).</summary>
    public EquipmentState State { get; private set; }

    public string Detail { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>Who set it last: a person's name, or "webhook".</summary>
    public string? ReportedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>SHA-256 (hex) of the webhook token; the token itself is shown once.</summary>
    public string TokenHash { get; private set; }

    public void Update(string name, string category, SiteId? siteId, TimeSpan? reportInterval)
    {
        Name = Guard.Text(name, nameof(Name), "equipment.name_required");
        Category = Guard.Text(category, nameof(Category), "equipment.category_required");
        if (reportInterval is { } interval && (interval < MinimumReportInterval || interval > TimeSpan.FromDays(1)))
        {
            throw new DomainException("equipment.report_interval", "The report interval must be between 10 seconds and one day.", nameof(ReportInterval));
        }

        SiteId = siteId;
        ReportInterval = reportInterval;
    }

    /// <summary>A new state, set by a person or reported by the device.</summary>
    public void Report(EquipmentState state, string? detail, string by, DateTimeOffset at)
    {
        if (state is not (EquipmentState.Ok or EquipmentState.Degraded or EquipmentState.Fault))
        {
            throw new DomainException("equipment.state", "A device reports ok, degraded or fault (maintenance is a window set on it).", nameof(State));
        }

        var text = detail?.Trim() ?? string.Empty;
        if (text.Length > MaxDetailLength)
        {
            throw new DomainException("equipment.detail_too_long", $"The detail is longer than {MaxDetailLength} characters.", nameof(Detail));
        }

        State = state;
        Detail = text;
        ReportedBy = by;
        ReportedAt = at;
    }

    /// <summary>True when the device has a report interval and said nothing for longer than it (and a grace of a quarter).</summary>
    public bool Silent(DateTimeOffset now) => ReportInterval is { } interval && now - ReportedAt > interval + (interval / 4);

    /// <summary>A new webhook token (the previous one stops working); returned once.</summary>
    public string RenewToken() => NewToken();

    public bool TokenMatches(string? token) =>
        !string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(TokenHash));

    private string NewToken()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        TokenHash = Hash(token);
        return token;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
