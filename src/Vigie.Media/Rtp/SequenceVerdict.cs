namespace Vigie.Media.Rtp;

/// <summary>What <see cref="RtpSequenceTracker"/> concluded about one packet's sequence number.</summary>
public enum SequenceVerdict
{
    /// <summary>The next expected packet, or the first one seen.</summary>
    InOrder,

    /// <summary>Ahead of the expected one: packets in between were lost (see <see cref="RtpSequenceTracker.LastLost"/>).</summary>
    Gap,

    /// <summary>Already seen or older than the highest seen: ignore it, state is unchanged.</summary>
    DuplicateOrLate,

    /// <summary>A jump too large to be loss; the packet is ignored until the next one confirms the new numbering.</summary>
    Probation,

    /// <summary>The sender restarted its numbering (confirmed jump): state was reset to this packet.</summary>
    Restarted,
}
