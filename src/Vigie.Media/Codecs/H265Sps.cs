namespace Vigie.Media.Codecs;

/// <summary>
/// The fields of an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2.1) that a muxer needs: the
/// general profile_tier_level (§7.3.3) copied into the hvcC record, chroma format and bit depths, and
/// the displayed size after the conformance window for the track header. VUI is not parsed.
/// </summary>
public sealed record H265Sps
{
    /// <summary>Largest accepted picture side (level 6.2 allows 8444 at most; 16384 leaves room): rejects garbage.</summary>
    private const uint MaxPictureSide = 16384;

    public required byte ProfileSpace { get; init; }

    public required bool TierFlag { get; init; }

    public required byte ProfileIdc { get; init; }

    /// <summary>general_profile_compatibility_flag[0..31], flag 0 in the most significant bit.</summary>
    public required uint ProfileCompatibilityFlags { get; init; }

    /// <summary>The 48 bits from general_progressive_source_flag to general_inbld_flag/reserved bit, in the low bits.</summary>
    public required ulong ConstraintIndicatorFlags { get; init; }

    public required byte LevelIdc { get; init; }

    public required uint MaxSubLayersMinus1 { get; init; }

    public required bool TemporalIdNesting { get; init; }

    public required uint SpsId { get; init; }

    /// <summary>0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (§6.2, Table 6-1).</summary>
    public required uint ChromaFormatIdc { get; init; }

    public required bool SeparateColourPlane { get; init; }

    public required uint BitDepthLuma { get; init; }

    public required uint BitDepthChroma { get; init; }

    /// <summary>pic_width_in_luma_samples / pic_height_in_luma_samples (e.g. 1088 lines for 1080p).</summary>
    public required int CodedWidth { get; init; }

    public required int CodedHeight { get; init; }

    /// <summary>Displayed size after the conformance cropping window (§7.4.3.2.1, offsets in chroma units).</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>sps_max_num_reorder_pics of the highest sub-layer (§7.4.3.2.1): 0 without B-frames.</summary>
    public int? MaxReorderFrames { get; init; }

    /// <summary>Parses an SPS NAL unit (2-byte header included, no start code). Never throws on bad input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> nalUnit, out H265Sps? sps)
    {
        sps = null;
        // nal_unit_header, §7.3.1.2: forbidden_zero_bit, nal_unit_type(6) == 33 (SPS_NUT), layer id, tid.
        if (nalUnit.Length < 16 || (nalUnit[0] & 0x80) != 0 || ((nalUnit[0] >> 1) & 0x3F) != 33)
        {
            return false;
        }

        var reader = new BitReader(nalUnit[2..]);
        reader.ReadBits(4); // sps_video_parameter_set_id
        var maxSubLayersMinus1 = reader.ReadBits(3);
        var temporalIdNesting = reader.ReadFlag();
        if (maxSubLayersMinus1 > 6)
        {
            return false;
        }

        // profile_tier_level(1, sps_max_sub_layers_minus1), §7.3.3: general part.
        var profileSpace = (byte)reader.ReadBits(2);
        var tierFlag = reader.ReadFlag();
        var profileIdc = (byte)reader.ReadBits(5);
        var compatibility = reader.ReadBits(32);
        var constraints = reader.ReadBits64(48);
        var levelIdc = (byte)reader.ReadBits(8);
        SkipSubLayers(ref reader, (int)maxSubLayersMinus1);

        var spsId = reader.ReadUe();
        var chromaFormatIdc = reader.ReadUe();
        if (reader.Failed || spsId > 15 || chromaFormatIdc > 3)
        {
            return false;
        }

        var separateColourPlane = chromaFormatIdc == 3 && reader.ReadFlag();
        var width = reader.ReadUe();
        var height = reader.ReadUe();
        uint left = 0, right = 0, top = 0, bottom = 0;
        if (reader.ReadFlag())
        {
            left = reader.ReadUe();
            right = reader.ReadUe();
            top = reader.ReadUe();
            bottom = reader.ReadUe();
        }

        var bitDepthLuma = reader.ReadUe() + 8;
        var bitDepthChroma = reader.ReadUe() + 8;
        if (reader.Failed || width == 0 || height == 0 || width > MaxPictureSide || height > MaxPictureSide
            || bitDepthLuma > 16 || bitDepthChroma > 16)
        {
            return false;
        }

        var maxReorder = ReadMaxReorder(reader, maxSubLayersMinus1);
        // SubWidthC/SubHeightC, Table 6-1: separate colour planes behave as monochrome (1, 1).
        var chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
        var subWidth = chromaArrayType is 1 or 2 ? 2L : 1L;
        var subHeight = chromaArrayType == 1 ? 2L : 1L;
        var displayWidth = width - (subWidth * ((long)left + right));
        var displayHeight = height - (subHeight * ((long)top + bottom));
        if (displayWidth <= 0 || displayHeight <= 0)
        {
            return false;
        }

        sps = new H265Sps
        {
            ProfileSpace = profileSpace,
            TierFlag = tierFlag,
            ProfileIdc = profileIdc,
            ProfileCompatibilityFlags = compatibility,
            ConstraintIndicatorFlags = constraints,
            LevelIdc = levelIdc,
            MaxSubLayersMinus1 = maxSubLayersMinus1,
            TemporalIdNesting = temporalIdNesting,
            SpsId = spsId,
            ChromaFormatIdc = chromaFormatIdc,
            SeparateColourPlane = separateColourPlane,
            BitDepthLuma = bitDepthLuma,
            BitDepthChroma = bitDepthChroma,
            CodedWidth = (int)width,
            CodedHeight = (int)height,
            Width = (int)displayWidth,
            Height = (int)displayHeight,
            MaxReorderFrames = maxReorder,
        };
        return true;
    }

    /// <summary>
    /// log2_max_pic_order_cnt_lsb_minus4, then sps_sub_layer_ordering_info (§7.3.2.2.1): the last sub-layer's
    /// sps_max_num_reorder_pics, in force when every layer is decoded. Read on a copy of the reader, so a
    /// damaged tail costs the hint and never the SPS.
    /// </summary>
    private static int? ReadMaxReorder(BitReader reader, uint maxSubLayersMinus1)
    {
        reader.ReadUe();
        var orderingForEachLayer = reader.ReadFlag();
        int? maxReorder = null;
        for (var i = orderingForEachLayer ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++)
        {
            reader.ReadUe(); // sps_max_dec_pic_buffering_minus1
            var reorder = reader.ReadUe();
            reader.ReadUe(); // sps_max_latency_increase_plus1
            maxReorder = reader.Failed || reorder > 16 ? null : (int)reorder;
        }

        return maxReorder;
    }

    /// <summary>The sub-layer part of profile_tier_level (§7.3.3): presence flags, padding to 8, then 88 + 8 bits each.</summary>
    private static void SkipSubLayers(ref BitReader reader, int maxSubLayersMinus1)
    {
        Span<bool> profilePresent = stackalloc bool[8];
        Span<bool> levelPresent = stackalloc bool[8];
        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            profilePresent[i] = reader.ReadFlag();
            levelPresent[i] = reader.ReadFlag();
        }

        if (maxSubLayersMinus1 > 0)
        {
            reader.Skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }

        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            if (profilePresent[i])
            {
                reader.Skip(88);
            }

            if (levelPresent[i])
            {
                reader.Skip(8);
            }
        }
    }
}
