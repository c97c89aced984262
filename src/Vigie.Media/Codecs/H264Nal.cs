namespace Vigie.Media.Codecs;

/// <summary>
/// H.264 NAL unit types the ingest cares about (ISO/IEC 14496-10 Table 7-1) and the RTP payload
/// structure types that share the same 5-bit field (RFC 6184 §5.2, Table 1).
/// The NAL header is one byte: forbidden_zero_bit(1) nal_ref_idc(2) nal_unit_type(5).
/// </summary>
public static class H264Nal
{
    public const int HeaderLength = 1;

    public const int NonIdrSlice = 1;
    public const int IdrSlice = 5;
    public const int Sei = 6;
    public const int Sps = 7;
    public const int Pps = 8;
    public const int AccessUnitDelimiter = 9;

    /// <summary>Single-time aggregation packet (RFC 6184 §5.7.1).</summary>
    public const int StapA = 24;

    /// <summary>Fragmentation unit without DON (RFC 6184 §5.8).</summary>
    public const int FuA = 28;

    public static int Type(byte header) => header & 0x1F;

    /// <summary>A slice NAL unit (types 1..5): the picture data itself.</summary>
    public static bool IsSlice(int type) => type is >= 1 and <= 5;

    /// <summary>
    /// True when a slice NAL unit is the first of its picture: first_mb_in_slice, the first ue(v) of the
    /// slice header (§7.3.3), is 0 exactly when the first payload bit is 1.
    /// </summary>
    public static bool IsFirstSliceOfPicture(ReadOnlySpan<byte> nal) =>
        nal.Length > HeaderLength && IsSlice(Type(nal[0])) && (nal[HeaderLength] & 0x80) != 0;
}
