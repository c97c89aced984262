using Vigie.Domain.Alarms;

namespace Vigie.Server.Alarms;

/// <summary>
/// A transmitter account and its link state; the key itself is never shown, only whether there is one.
/// <see cref="State"/>: <c>disabled</c> (out of service), <c>fault</c> (défaut de transmission),
/// <c>never</c> (supervised, not heard yet), <c>ok</c>, or <c>unsupervised</c>.
/// </summary>
public sealed record TransmitterView(string Account, Guid SiteId, string SiteName, bool Encrypted, double? SupervisionSeconds, DateTimeOffset? LastSeenAt, string State, bool Enabled = true)
{
    public static TransmitterView Of(TransmitterAccount account, string siteName, DateTimeOffset? lastSeen)
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
        return new TransmitterView(account.Account, account.SiteId.Value, siteName, account.ProtectedKey is not null, account.SupervisionInterval?.TotalSeconds, seen, state, !account.Disabled);
    }
}
