namespace Vigie.Server.Security;

/// <summary>
/// Slows password guessing without letting anyone lock a person out. Every try is admitted or refused
/// atomically, before the password is checked, against three counters of failures in a row: the account
/// from this address (5 free tries, then a wait doubling from 1 s to 15 min), this address whatever the
/// account (20 free, same waits: a spray over many names), and the account from anywhere (20 free, then
/// waits doubling up to 30 s only: guessing from many addresses is slowed, while the real person, from
/// their own address, is never kept out for more than half a minute by someone else's failures). An
/// admitted try counts as a failure until it succeeds, so parallel guesses cannot slip past a limit. A
/// success clears the account's counters; an administrator clears them too ("Débloquer"); counters are
/// forgotten after an hour without a try. In memory: a restart forgets them, and with several hosts each
/// counts its own tries.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>The rate limit of <c>POST /api/session</c> per address, a flood guard before any of this: 60 requests at once, then 60 a minute.</summary>
    public const string RateLimitPolicy = "sign-in";

    public const int RequestsPerMinute = 60;

    private static readonly Rule PerAccountAndAddress = new(5, TimeSpan.FromMinutes(15));
    private static readonly Rule PerAddress = new(20, TimeSpan.FromMinutes(15));
    private static readonly Rule PerAccount = new(20, TimeSpan.FromSeconds(30));
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Admits a try (null) or says how long to wait. <paramref name="burstStarted"/> is true for the first try
    /// refused since the counters last allowed one, so that a burst is audited once rather than per try.
    /// </summary>
    public TimeSpan? Admit(string account, string address, out bool burstStarted)
    {
        var now = time.GetUtcNow();
        var keys = Keys(account, address);
        lock (_lock)
        {
            Sweep(now);
            var counters = keys.Select(k => _counters.TryGetValue(k.Key, out var c) ? c : _counters[k.Key] = new Counter(k.Rule)).ToArray();
            var wait = counters.Max(c => c.NextTryAt - now);
            if (wait > TimeSpan.Zero)
            {
                burstStarted = counters.Any(c => !c.Refusing);
                foreach (var counter in counters)
                {
                    counter.Refusing = true;
                    counter.LastTry = now;
                }

                return wait;
            }

            burstStarted = false;
            foreach (var counter in counters)
            {
                counter.Fail(now);
            }

            return null;
        }
    }

    /// <summary>
    /// The admitted try succeeded: the account's counters and the address's start again. The address's too,
    /// so that people behind one address (a reverse proxy not named in the settings, a shared desk) do not
    /// pile up each other's typing mistakes; a sprayer would need a valid account, and still meets the
    /// per-account limits and the flood limit.
    /// </summary>
    public void Succeeded(string account, string address)
    {
        lock (_lock)
        {
            _counters.Remove(AccountKey(account));
            _counters.Remove(PairKey(account, address));
            _counters.Remove(AddressKey(address));
        }
    }

    /// <summary>Until when the account's tries wait, from some address; null when they do not.</summary>
    public DateTimeOffset? WaitUntil(string account)
    {
        var now = time.GetUtcNow();
        var prefix = PairKey(account, string.Empty);
        lock (_lock)
        {
            var until = _counters.Where(c => c.Key == AccountKey(account) || c.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(c => c.Value.NextTryAt).DefaultIfEmpty(now).Max();
            return until > now ? until : null;
        }
    }

    /// <summary>An administrator lifts the account's throttling, from every address.</summary>
    public void Lift(string account)
    {
        lock (_lock)
        {
            _counters.Remove(AccountKey(account));
            foreach (var key in _counters.Keys.Where(k => k.StartsWith(PairKey(account, string.Empty), StringComparison.Ordinal)).ToList())
            {
                _counters.Remove(key);
            }
        }
    }

    private static (string Key, Rule Rule)[] Keys(string account, string address) =>
        [(PairKey(account, address), PerAccountAndAddress), (AddressKey(address), PerAddress), (AccountKey(account), PerAccount)];

    private static string AddressKey(string address) => $"address\n{address}";

    private static string AccountKey(string account) => $"account\n{account}";

    private static string PairKey(string account, string address) => $"pair\n{account}\n{address}";

    private void Sweep(DateTimeOffset now)
    {
        if (_counters.Count < 1024)
        {
            return;
        }

        foreach (var key in _counters.Where(c => now - c.Value.LastTry > Forget).Select(c => c.Key).ToList())
        {
            _counters.Remove(key);
        }
    }

    private sealed record Rule(int FreeTries, TimeSpan LongestWait);

    private sealed class Counter(Rule rule)
    {
        public int Failures { get; private set; }

        public DateTimeOffset NextTryAt { get; private set; }

        public DateTimeOffset LastTry { get; set; }

        public bool Refusing { get; set; }

        public void Fail(DateTimeOffset now)
        {
            if (now - LastTry > Forget)
            {
                Failures = 0;
            }

            Failures++;
            LastTry = now;
            Refusing = false;
            // The free tries spent, each failure doubles the wait: 1 s, 2 s, 4 s... up to the rule's longest.
            var beyond = Failures - rule.FreeTries;
            NextTryAt = beyond < 0 ? now : now + Min(TimeSpan.FromSeconds(Math.Pow(2, Math.Min(beyond, 20))), rule.LongestWait);
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
