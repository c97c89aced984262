namespace Vigie.Media.Codecs;

/// <summary>
/// H.265 NAL unit types the ingest cares about (ITU-T H.265 Table 7-1) and the RTP payload structure
/// types that share the same 6-bit field (RFC 7798 §4.4). The NAL header is two bytes:
/// forbidden_zero_bit(1) nal_unit_type(6) nuh_layer_id(6) nuh_temporal_id_plus1(3).
/// </summary>
public static class H265Nal
{
    public const int HeaderLength = 2;

    /// <summary>First intra random access point type (BLA_W_LP); IRAP spans 16..23 (§7.4.2.2).</summary>
    public const int FirstIrap = 16;

    /// <summary>Last IRAP type (RSV_IRAP_VCL23).</summary>
    public const int LastIrap = 23;

    public const int IdrWRadl = 19;
    public const int Cra = 21;
    public const int Vps = 32;
    public const int Sps = 33;
    public const int Pps = 34;
    public const int AccessUnitDelimiter = 35;
    public const int PrefixSei = 39;

    /// <summary>Aggregation packet (RFC 7798 §4.4.2).</summary>
    public const int AggregationPacket = 48;

    /// <summary>Fragmentation unit (RFC 7798 §4.4.3).</summary>
    public const int FragmentationUnit = 49;

    public static int Type(byte firstHeaderByte) => (firstHeaderByte >> 1) & 0x3F;

    /// <summary>Video coding layer NAL units are types 0..31 (§7.4.2.2).</summary>
    public static bool IsVcl(int type) => type is >= 0 and <= 31;

    public static bool IsIrap(int type) => type is >= FirstIrap and <= LastIrap;

    /// <summary>
    /// True when a VCL NAL unit starts a picture: first_slice_segment_in_pic_flag is the first bit after
    /// the two-byte header (§7.3.6.1).
    /// </summary>
    public static bool IsFirstSliceOfPicture(ReadOnlySpan<byte> nal) =>
        nal.Length > HeaderLength && IsVcl(Type(nal[0])) && (nal[HeaderLength] & 0x80) != 0;
}
