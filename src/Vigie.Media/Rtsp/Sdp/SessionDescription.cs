using System.Collections.Immutable;

namespace Vigie.Media.Rtsp.Sdp;

/// <summary>A parsed session description (RFC 4566) reduced to what an RTSP client needs.</summary>
public sealed record SessionDescription
{
    /// <summary>The s= line (RFC 4566 §5.3); cameras often send a single space.</summary>
    public string SessionName { get; init; } = string.Empty;

    /// <summary>Session-level a=control (RFC 2326 §C.1.1), used for aggregate PLAY/TEARDOWN; null when absent.</summary>
    public string? Control { get; init; }

    public required ImmutableArray<SdpMedia> Media { get; init; }
}
