using Vigie.Domain.Alarms;

namespace Vigie.Server.Alarms;

/// <summary>
/// A transmitter account and its link state; the key itself is never shown, only whether there is one.
/// <see cref="State"/>: <c>disabled</c> (out of service), <c>fault</c> (défaut de transmission),
/// <c>never</c> (supervised, not heard yet), <c>ok</c>, or <c>unsupervised</c>. <see cref="Deviations"/>: the DC-09
/// frames read in spite of a tolerated deviation since the host started, by deviation (<c>line_missing</c>, …; see
/// docs/alarms.md, "Conformance") — a sign that the panel's settings should be put right.
/// </summary>
public sealed record TransmitterView(string Account, Guid SiteId, string SiteName, bool Encrypted, double? SupervisionSeconds, DateTimeOffset? LastSeenAt, string State, bool Enabled = true)
{
    public IReadOnlyDictionary<string, long> Deviations { get; init; } = new Dictionary<string, long>();

    public static TransmitterView Of(TransmitterAccount account, string siteName, DateTimeOffset? lastSeen, IReadOnlyDictionary<string, long>? deviations = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var seen = lastSeen ?? account.LastSeenAt;
        var state = account switch
        {
            { Disabled: true } => "disabled",
            { SupervisionInterval: null } => "unsupervised",
            { TransmissionFault: true } => "fault",
            _ when seen is null => "never",
            _ => "ok",
        };
        return new TransmitterView(account.Account, account.SiteId.Value, siteName, account.ProtectedKey is not null, account.SupervisionInterval?.TotalSeconds, seen, state, !account.Disabled)
        {
            Deviations = deviations ?? new Dictionary<string, long>(),
        };
    }
}
