namespace Vigie.Media.Rtp;

/// <summary>
/// Extends 16-bit RTP sequence numbers to 64 bits and counts losses, after RFC 3550 Appendix A.1.
/// Over TCP or loopback there is no reordering, so a packet at or behind the highest seen is simply
/// ignored (a duplicate or a late copy) and never moves the state backwards. A jump larger than
/// <see cref="MaxDropout"/> is taken for a sender restart only once the next packet confirms it, so one
/// corrupt sequence number cannot desynchronise the stream.
/// </summary>
public sealed class RtpSequenceTracker
{
    /// <summary>Largest forward jump still counted as loss (RFC 3550 A.1 suggests 3000).</summary>
    public const int MaxDropout = 3000;

    /// <summary>How far behind the highest seen a packet is still considered late rather than a restart (A.1: 100).</summary>
    public const int MaxMisorder = 100;

    private const int SequenceModulus = 1 << 16;

    private bool _started;
    private ushort _highest;
    private long _cycles;
    private int _probationNext = -1;

    /// <summary>Highest sequence number seen, extended with the wrap count.</summary>
    public long ExtendedHighest => _cycles + _highest;

    /// <summary>Packets lost before the last packet judged <see cref="SequenceVerdict.Gap"/>.</summary>
    public int LastLost { get; private set; }

    /// <summary>All packets lost since the start (gaps only; restarts do not count).</summary>
    public long TotalLost { get; private set; }

    public SequenceVerdict Track(ushort sequence)
    {
        LastLost = 0;
        if (!_started)
        {
            Restart(sequence);
            return SequenceVerdict.InOrder;
        }

        var delta = (ushort)(sequence - _highest);
        if (delta == 0 || delta >= SequenceModulus - MaxMisorder)
        {
            return SequenceVerdict.DuplicateOrLate;
        }

        if (delta <= MaxDropout)
        {
            _probationNext = -1;
            if (sequence < _highest)
            {
                _cycles += SequenceModulus;
            }

            _highest = sequence;
            LastLost = delta - 1;
            TotalLost += LastLost;
            return LastLost == 0 ? SequenceVerdict.InOrder : SequenceVerdict.Gap;
        }

        if (sequence == _probationNext)
        {
            Restart(sequence);
            return SequenceVerdict.Restarted;
        }

        _probationNext = (ushort)(sequence + 1);
        return SequenceVerdict.Probation;
    }

    /// <summary>Forgets the stream (new SSRC, new session).</summary>
    public void Reset() => _started = false;

    private void Restart(ushort sequence)
    {
        _started = true;
        _highest = sequence;
        _cycles = 0;
        _probationNext = -1;
    }
}
