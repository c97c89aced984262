namespace Vigie.Media.Rtp;

/// <summary>What the depacketiser does with a complete NAL unit once it has been reassembled.</summary>
internal enum NalRole
{
    /// <summary>Goes into the access unit's data.</summary>
    Keep,

    /// <summary>Goes into the data and makes the access unit a keyframe (IDR / IRAP).</summary>
    KeepKeyframe,

    /// <summary>Removed from the data: AUD and filler carry nothing a recorder needs.</summary>
    Discard,

    Vps,
    Sps,
    Pps,
}
