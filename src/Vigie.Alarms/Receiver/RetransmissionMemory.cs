using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// The DC-09 messages stored within the retransmission window and those being stored right now, so that a
/// retransmission is acknowledged again without a second copy. At 20,000 messages/s a 10-minute window holds
/// 12 million messages: each is kept as a 128-bit digest (SipHash-2-4-128 of the message key under a
/// per-process secret key) and its time — 32 bytes in a dictionary instead of a string and a node (≈ 160
/// bytes). A shard drops its messages older than the window every tenth of the window, in one pass: one
/// lookup per message received (with one dictionary per time slice it took ten), and the dictionary's free
/// slots are reused by the next messages, so that at a steady rate the memory allocates nothing. The digest
/// is keyed with a secret so that no sender can make two different messages look alike; an accidental match
/// has a probability of about n / 2^128. 128 shards, each with its own lock, keep the receiving threads from
/// queueing on one lock (with 32, threads still spun on them while a holder waited for a core on the loaded
/// 2-core machine: 5 % of the CPU).
/// </summary>
public sealed class RetransmissionMemory
{
    private const int ShardCount = 128;
    private const int SweepsPerWindow = 10;

    private readonly Shard[] _shards;
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(16);
    private readonly long _sweepTicks;
    private readonly TimeSpan _window;

    public RetransmissionMemory(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _window = window;
        _sweepTicks = Math.Max(TimeSpan.TicksPerSecond, window.Ticks / SweepsPerWindow);
        _shards = new Shard[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>What <see cref="TryBegin"/> found.</summary>
    public enum Outcome
    {
        /// <summary>New: the caller stores it, then calls <see cref="Committed"/> or <see cref="Abandon"/>.</summary>
        Mine,

        /// <summary>Stored within the window: acknowledge again, do not store.</summary>
        Recent,

        /// <summary>Being stored by an earlier copy: wait for <c>first</c> and share its outcome.</summary>
        InFlight,
    }

    /// <summary>The digest of a message key (what the memory keeps of it).</summary>
    public UInt128 Digest(string messageKey)
    {
        ArgumentNullException.ThrowIfNull(messageKey);
        var length = Encoding.UTF8.GetMaxByteCount(messageKey.Length);
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(messageKey, buffer);
            return SipHash128.Compute(_secret, buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Atomically: if the message is being stored, returns <see cref="Outcome.InFlight"/> with that store's task;
    /// if it was stored within the window (and <paramref name="checkRecent"/>), <see cref="Outcome.Recent"/>; else notes it as being stored by
    /// <paramref name="mine"/> and returns <see cref="Outcome.Mine"/>.
    /// </summary>
    public Outcome TryBegin(UInt128 digest, DateTimeOffset now, bool checkRecent, Task mine, out Task? first)
    {
        var shard = ShardOf(digest);
        lock (shard.Lock)
        {
            if (shard.InFlight.TryGetValue(digest, out first))
            {
                return Outcome.InFlight;
            }

            if (checkRecent && FindRecent(shard, digest, now))
            {
                return Outcome.Recent;
            }

            shard.InFlight.Add(digest, mine);
            return Outcome.Mine;
        }
    }

    /// <summary>The message is committed at <paramref name="at"/>: it moves from "being stored" to the window.</summary>
    public void Committed(UInt128 digest, DateTimeOffset at)
    {
        var shard = ShardOf(digest);
        lock (shard.Lock)
        {
            shard.InFlight.Remove(digest);
            Add(shard, digest, at);
        }
    }

    /// <summary>The store of the message failed or was cancelled: a new copy will be stored.</summary>
    public void Abandon(UInt128 digest)
    {
        var shard = ShardOf(digest);
        lock (shard.Lock)
        {
            shard.InFlight.Remove(digest);
        }
    }

    /// <summary>A message stored before (e.g. loaded at start): its retransmissions within the window are not stored again.</summary>
    public void Remember(UInt128 digest, DateTimeOffset at)
    {
        var shard = ShardOf(digest);
        lock (shard.Lock)
        {
            Add(shard, digest, at);
        }
    }

    /// <summary>Messages held (those older than the window too, until their shard's next pass).</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Lock)
                {
                    count += shard.Stored.Count;
                }
            }

            return count;
        }
    }

    private Shard ShardOf(UInt128 digest) => _shards[(int)((ulong)digest % ShardCount)];

    private bool FindRecent(Shard shard, UInt128 digest, DateTimeOffset now) =>
        shard.Stored.TryGetValue(digest, out var at) && now.UtcTicks - at < _window.Ticks;

    private void Add(Shard shard, UInt128 digest, DateTimeOffset at)
    {
        if (at.UtcTicks >= shard.NextSweep)
        {
            // Every tenth of the window: the messages older than the window go, in one pass over the shard
            // (a 128th of the whole), and their slots serve the next messages.
            var oldest = at.UtcTicks - _window.Ticks;
            foreach (var (key, time) in shard.Stored)
            {
                if (time <= oldest)
                {
                    shard.Stored.Remove(key);
                }
            }

            shard.NextSweep = at.UtcTicks + _sweepTicks;
        }

        ref var stored = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Stored, digest, out _);
        stored = Math.Max(stored, at.UtcTicks);
    }

    private sealed class Shard
    {
        public Lock Lock { get; } = new();

        public Dictionary<UInt128, Task> InFlight { get; } = [];

        /// <summary>Each message stored, with when (UTC ticks).</summary>
        public Dictionary<UInt128, long> Stored { get; } = [];

        /// <summary>When (UTC ticks) the shard next drops its messages older than the window.</summary>
        public long NextSweep { get; set; }
    }
}
