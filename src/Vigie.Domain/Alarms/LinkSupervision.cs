namespace Vigie.Domain.Alarms;

/// <summary>
/// The transmitter-silence rule. An account with a supervision interval must be heard (any valid message: a
/// NULL link test, a periodic test, any event) at least that often; silent for longer than the interval plus a
/// grace, its link is lost ("défaut de transmission"), and its next message restores it ("transmission
/// rétablie"). Pure: the time comes from the <see cref="TimeProvider"/> passed in, the last message from the
/// caller; the host runs the check every few seconds, stores the signal and writes the main courante entry.
/// <list type="bullet">
/// <item>A silence is never counted from before supervision (re)started: the account's declaration, the
/// setting of an interval on an unsupervised account, its return to service (<see cref="TransmitterAccount.SupervisedSince"/>).</item>
/// <item>Nor from before this supervision began (<see cref="Started"/>, the host's start): the time the host was
/// down is not the panel's silence, so an account never heard counts from then, or from its declaration if later.</item>
/// <item>A disabled account, or one without an interval, is not supervised.</item>
/// </list>
/// </summary>
public sealed class LinkSupervision
{
    /// <summary>The source of the signals the rule raises.</summary>
    public const string Source = "supervision";

    private static readonly TimeSpan MinimumGrace = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;

    public LinkSupervision(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Started = time.GetUtcNow();
    }

    /// <summary>When this supervision began.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>The grace after the interval: a quarter of it, at least 10 s, so that one late test message is not a fault.</summary>
    public static TimeSpan GraceOf(TimeSpan interval) => TimeSpan.FromTicks(Math.Max(MinimumGrace.Ticks, interval.Ticks / 4));

    /// <summary>
    /// Checks one account now: notes <paramref name="lastSeen"/> (the last message the receiver took from it, if
    /// any) on the account and, when its link state changes, marks the account and returns the change; null when
    /// nothing changes.
    /// </summary>
    public LinkTransition? Check(TransmitterAccount account, DateTimeOffset? lastSeen)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Disabled || account.SupervisionInterval is not { } interval)
        {
            return null;
        }

        if (lastSeen is { } seen)
        {
            account.Seen(seen);
        }

        var now = _time.GetUtcNow();
        var silentSince = account.LastSeenAt ?? (account.CreatedAt > Started ? account.CreatedAt : Started);
        if (account.SupervisedSince is { } since && since > silentSince)
        {
            // Supervision (re)started after the last message: the time out of service or unsupervised is not silence.
            silentSince = since;
        }

        var silence = now - silentSince;
        var lost = silence > interval + GraceOf(interval);
        if (lost == account.TransmissionFault)
        {
            return null;
        }

        account.MarkFault(lost);
        return new LinkTransition(account.Account, account.SiteId, lost, silence, interval, now);
    }
}
