namespace Vigie.Media.Rtp;

/// <summary>Why a datagram was not accepted as an RTP packet (RFC 3550 §5.1).</summary>
public enum RtpParseError
{
    None,

    /// <summary>Shorter than the 12-byte fixed header, or than the header its CSRC count announces.</summary>
    TooShort,

    /// <summary>Version field is not 2.</summary>
    BadVersion,

    /// <summary>The header extension's announced length runs past the end of the packet.</summary>
    ExtensionOverflow,

    /// <summary>The padding count is zero or longer than what follows the header.</summary>
    BadPadding,
}
