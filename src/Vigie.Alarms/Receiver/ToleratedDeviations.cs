using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// Counts the frames read in spite of a tolerated deviation (<see cref="Dc09Deviations"/>), per account and
/// deviation: on /metrics (<c>vigie_dc09_deviations_total{account,deviation}</c>) and in memory for the console
/// and the API (since the host started). The first frame of each deviation from each account is logged, the
/// following ones only counted: a panel sends its frames the same way every time, and one line says what to fix.
/// </summary>
public sealed partial class ToleratedDeviations
{
    /// <summary>Accounts kept in memory: far above a centre's panels, and bounds what unknown senders can make it hold.</summary>
    public const int MaxAccounts = 10_000;

    private readonly ConcurrentDictionary<string, PerAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Counter<long> _frames;
    private readonly ILogger _logger;

    public ToleratedDeviations(Meter meter, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _logger = logger;
        _frames = meter.CreateCounter<long>("vigie.dc09.deviations", "{frame}", "DC-09 frames read in spite of a tolerated deviation from the frame rules, by account and deviation");
    }

    /// <summary>Counts one frame of <paramref name="account"/> that showed <paramref name="deviations"/> (none: nothing to do).</summary>
    public void Record(string account, Dc09Deviations deviations, string remote)
    {
        if (deviations == Dc09Deviations.None)
        {
            return;
        }

        var entry = _accounts.TryGetValue(account, out var found) ? found
            : _accounts.Count < MaxAccounts ? _accounts.GetOrAdd(account, static _ => new PerAccount())
            : null;
        var all = Dc09DeviationNames.All;
        for (var i = 0; i < all.Count; i++)
        {
            var deviation = all[i];
            if ((deviations & deviation) == 0)
            {
                continue;
            }

            _frames.Add(1, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("deviation", Dc09DeviationNames.Label(deviation)));
            if (entry is null)
            {
                continue;
            }

            Interlocked.Increment(ref entry.Counts[i]);
            if ((Interlocked.Or(ref entry.Logged, (int)deviation) & (int)deviation) == 0)
            {
                LogFirst(_logger, account, Dc09DeviationNames.Describe(deviation), remote, Dc09DeviationNames.Label(deviation));
            }
        }
    }

    /// <summary>The account's counts by deviation label, since the host started; empty when it never deviated.</summary>
    public IReadOnlyDictionary<string, long> Of(string account)
    {
        if (!_accounts.TryGetValue(account, out var entry))
        {
            return new Dictionary<string, long>();
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var all = Dc09DeviationNames.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (Interlocked.Read(ref entry.Counts[i]) is var count and > 0)
            {
                counts[Dc09DeviationNames.Label(all[i])] = count;
            }
        }

        return counts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 account {Account} ({Remote}) sends frames {Deviation}: read and answered all the same, counted in vigie_dc09_deviations_total (deviation {Label}); logged once for this account")]
    private static partial void LogFirst(ILogger logger, string account, string deviation, string remote, string label);

    /// <summary>One account's counts (indexed as <see cref="Dc09DeviationNames.All"/>) and the deviations already logged.</summary>
    private sealed class PerAccount
    {
        public readonly long[] Counts = new long[Dc09DeviationNames.All.Count];
        public int Logged;
    }
}
