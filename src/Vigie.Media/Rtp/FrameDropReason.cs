namespace Vigie.Media.Rtp;

/// <summary>Why the depacketiser threw away a frame instead of emitting it.</summary>
public enum FrameDropReason
{
    None,

    /// <summary>A fragment (FU-A / FU) arrived with no start fragment before it (RFC 6184 §5.8, RFC 7798 §4.4.3).</summary>
    FragmentWithoutStart,

    /// <summary>A fragmented NAL unit was cut short: a new NAL unit, timestamp or marker came before its end fragment.</summary>
    FragmentWithoutEnd,

    /// <summary>Packets of the frame were lost (sequence gap while the frame was being assembled).</summary>
    PacketLoss,

    /// <summary>The frame grew past the configured cap (a broken or hostile sender).</summary>
    FrameTooLarge,

    /// <summary>A payload that does not parse: empty, truncated aggregation, sizes that run past the packet.</summary>
    MalformedPayload,

    /// <summary>The sender changed SSRC or restarted its sequence numbering mid-frame.</summary>
    SourceChanged,
}
