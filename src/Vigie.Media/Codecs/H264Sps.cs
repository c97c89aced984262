namespace Vigie.Media.Codecs;

/// <summary>
/// The fields of an H.264 sequence parameter set (ISO/IEC 14496-10 §7.3.2.1.1) that a muxer needs:
/// profile and level for the avcC record and the MIME codec string, chroma format and bit depths for
/// the high-profile avcC extension, and the displayed size for the track header. VUI is not parsed.
/// </summary>
public sealed record H264Sps
{
    /// <summary>Largest picture accepted, in macroblocks per side (16384 pixels): rejects garbage sizes.</summary>
    private const uint MaxMacroblocksPerSide = 1024;

    public required byte ProfileIdc { get; init; }

    /// <summary>constraint_set0..5_flag and reserved_zero_2bits, as the byte after profile_idc.</summary>
    public required byte ConstraintFlags { get; init; }

    public required byte LevelIdc { get; init; }

    public required uint SpsId { get; init; }

    /// <summary>0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (Table 6-1); 1 when the profile does not code it.</summary>
    public required uint ChromaFormatIdc { get; init; }

    public required bool SeparateColourPlane { get; init; }

    public required uint BitDepthLuma { get; init; }

    public required uint BitDepthChroma { get; init; }

    /// <summary>frame_mbs_only_flag: false means the stream may hold field pictures (interlaced).</summary>
    public required bool FrameMbsOnly { get; init; }

    /// <summary>Decoded size in whole macroblocks (e.g. 1088 lines for 1080p).</summary>
    public required int CodedWidth { get; init; }

    public required int CodedHeight { get; init; }

    /// <summary>Displayed size after the frame cropping rectangle (§7.4.2.1.1, equations 7-19 to 7-22).</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>
    /// How many frames may precede a frame in decode order and follow it in output order: 0 without
    /// B-frames. From VUI max_num_reorder_frames (§E.2.1) when the SPS gives it; 0 for pic_order_cnt_type 2
    /// and the Baseline profile, whose output order is their decode order; null when the SPS does not say.
    /// </summary>
    public int? MaxReorderFrames { get; init; }

    /// <summary>Parses an SPS NAL unit (header byte included, no start code). Never throws on bad input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> nalUnit, out H264Sps? sps)
    {
        sps = null;
        if (nalUnit.Length < 4 || (nalUnit[0] & 0x80) != 0 || (nalUnit[0] & 0x1F) != 7)
        {
            return false;
        }

        var reader = new BitReader(nalUnit[1..]);
        var profileIdc = (byte)reader.ReadBits(8);
        var constraintFlags = (byte)reader.ReadBits(8);
        var levelIdc = (byte)reader.ReadBits(8);
        var spsId = reader.ReadUe();
        if (!IsKnownProfile(profileIdc) || !IsKnownLevel(levelIdc))
        {
            return false;
        }

        uint chromaFormatIdc = 1;
        var separateColourPlane = false;
        uint bitDepthLuma = 8;
        uint bitDepthChroma = 8;
        if (HasChromaInfo(profileIdc))
        {
            chromaFormatIdc = reader.ReadUe();
            if (chromaFormatIdc > 3)
            {
                return false;
            }

            if (chromaFormatIdc == 3)
            {
                separateColourPlane = reader.ReadFlag();
            }

            bitDepthLuma = reader.ReadUe() + 8;
            bitDepthChroma = reader.ReadUe() + 8;
            reader.ReadFlag(); // qpprime_y_zero_transform_bypass_flag
            if (reader.ReadFlag() && !SkipScalingMatrix(ref reader, chromaFormatIdc == 3 ? 12 : 8))
            {
                return false;
            }
        }

        var log2MaxFrameNumMinus4 = reader.ReadUe();
        if (log2MaxFrameNumMinus4 > 12 || !SkipPictureOrderCount(ref reader, out var pocType))
        {
            return false;
        }

        var maxNumRefFrames = reader.ReadUe();
        reader.ReadFlag(); // gaps_in_frame_num_value_allowed_flag
        var widthInMbs = reader.ReadUe() + 1;
        var heightInMapUnits = reader.ReadUe() + 1;
        var frameMbsOnly = reader.ReadFlag();
        if (!frameMbsOnly)
        {
            reader.ReadFlag(); // mb_adaptive_frame_field_flag
        }

        reader.ReadFlag(); // direct_8x8_inference_flag
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (reader.ReadFlag())
        {
            cropLeft = reader.ReadUe();
            cropRight = reader.ReadUe();
            cropTop = reader.ReadUe();
            cropBottom = reader.ReadUe();
        }

        int? maxReorderFrames = pocType == 2 || profileIdc == 66 ? 0 : null;
        if (reader.ReadFlag())
        {
            // Read on a copy: a damaged VUI costs the reorder hint, never the SPS.
            var vui = reader;
            if (H264Vui.TryReadMaxReorderFrames(ref vui, out var stated))
            {
                maxReorderFrames ??= stated;
            }
        }

        var frameHeightInMbs = (frameMbsOnly ? 1u : 2u) * heightInMapUnits;
        if (reader.Failed || spsId > 31 || maxNumRefFrames > 16 || bitDepthLuma > 14 || bitDepthChroma > 14
            || widthInMbs > MaxMacroblocksPerSide || frameHeightInMbs > MaxMacroblocksPerSide)
        {
            return false;
        }

        // Crop units, §7.4.2.1.1: ChromaArrayType 0 (monochrome or separate planes) crops in luma samples.
        var chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
        var cropUnitX = chromaArrayType is 1 or 2 ? 2u : 1u;
        var cropUnitY = (chromaArrayType == 1 ? 2u : 1u) * (frameMbsOnly ? 1u : 2u);
        var codedWidth = (long)widthInMbs * 16;
        var codedHeight = (long)frameHeightInMbs * 16;
        var width = codedWidth - (cropUnitX * ((long)cropLeft + cropRight));
        var height = codedHeight - (cropUnitY * ((long)cropTop + cropBottom));
        if (width <= 0 || height <= 0)
        {
            return false;
        }

        sps = new H264Sps
        {
            ProfileIdc = profileIdc,
            ConstraintFlags = constraintFlags,
            LevelIdc = levelIdc,
            SpsId = spsId,
            ChromaFormatIdc = chromaFormatIdc,
            SeparateColourPlane = separateColourPlane,
            BitDepthLuma = bitDepthLuma,
            BitDepthChroma = bitDepthChroma,
            FrameMbsOnly = frameMbsOnly,
            CodedWidth = (int)codedWidth,
            CodedHeight = (int)codedHeight,
            Width = (int)width,
            Height = (int)height,
            MaxReorderFrames = maxReorderFrames,
        };
        return true;
    }

    /// <summary>profile_idc values of Annex A, G and H: anything else is not an H.264 stream we can describe.</summary>
    private static bool IsKnownProfile(byte profileIdc) => profileIdc is 66 or 77 or 88 || HasChromaInfo(profileIdc);

    /// <summary>level_idc values of Table A-1 (9 is level 1b in High profiles, 11 with constraint_set3 in Baseline/Main).</summary>
    private static bool IsKnownLevel(byte levelIdc) =>
        levelIdc is 9 or 10 or 11 or 12 or 13 or 20 or 21 or 22 or 30 or 31 or 32 or 40 or 41 or 42 or 50 or 51 or 52 or 60 or 61 or 62;

    /// <summary>The profiles whose SPS codes chroma_format_idc, bit depths and scaling lists (§7.3.2.1.1).</summary>
    internal static bool HasChromaInfo(byte profileIdc) =>
        profileIdc is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135;

    /// <summary>seq_scaling_list_present_flag[i] and scaling_list() (§7.3.2.1.1.1): 4x4 lists first, then 8x8.</summary>
    private static bool SkipScalingMatrix(ref BitReader reader, int listCount)
    {
        for (var i = 0; i < listCount; i++)
        {
            if (!reader.ReadFlag())
            {
                continue;
            }

            var size = i < 6 ? 16 : 64;
            var lastScale = 8;
            var nextScale = 8;
            for (var j = 0; j < size && nextScale != 0; j++)
            {
                var delta = reader.ReadSe();
                if (reader.Failed || delta is < -128 or > 127)
                {
                    return false;
                }

                nextScale = (lastScale + delta + 256) % 256;
                lastScale = nextScale == 0 ? lastScale : nextScale;
            }
        }

        return !reader.Failed;
    }

    private static bool SkipPictureOrderCount(ref BitReader reader, out uint type)
    {
        type = reader.ReadUe();
        switch (type)
        {
            case 0:
                var log2MaxPocLsbMinus4 = reader.ReadUe();
                return !reader.Failed && log2MaxPocLsbMinus4 <= 12;
            case 1:
                reader.ReadFlag(); // delta_pic_order_always_zero_flag
                reader.ReadSe(); // offset_for_non_ref_pic
                reader.ReadSe(); // offset_for_top_to_bottom_field
                var cycle = reader.ReadUe();
                if (reader.Failed || cycle > 255)
                {
                    return false;
                }

                for (var i = 0; i < cycle; i++)
                {
                    reader.ReadSe(); // offset_for_ref_frame[i]
                }

                return !reader.Failed;
            case 2:
                return !reader.Failed;
            default:
                return false;
        }
    }
}
