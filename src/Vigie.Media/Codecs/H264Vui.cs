namespace Vigie.Media.Codecs;

/// <summary>
/// Reads through an H.264 SPS's vui_parameters() (ISO/IEC 14496-10 §E.1.1) to the one value Vigie needs
/// from it: max_num_reorder_frames of the bitstream restriction, which says how deep B-frames reorder.
/// </summary>
internal static class H264Vui
{
    /// <summary>
    /// Leaves the reader after the VUI. False when the VUI has no bitstream restriction or is damaged
    /// (a damaged VUI is not a reason to refuse the SPS: the picture size is already known).
    /// </summary>
    public static bool TryReadMaxReorderFrames(ref BitReader reader, out int maxReorderFrames)
    {
        maxReorderFrames = 0;
        if (reader.ReadFlag() && reader.ReadBits(8) == 255) // aspect_ratio_info_present_flag, aspect_ratio_idc
        {
            reader.ReadBits(32); // sar_width, sar_height
        }

        if (reader.ReadFlag())
        {
            reader.ReadFlag(); // overscan_appropriate_flag
        }

        if (reader.ReadFlag()) // video_signal_type_present_flag
        {
            reader.ReadBits(4); // video_format, video_full_range_flag
            if (reader.ReadFlag())
            {
                reader.ReadBits(24); // colour_primaries, transfer_characteristics, matrix_coefficients
            }
        }

        if (reader.ReadFlag()) // chroma_loc_info_present_flag
        {
            reader.ReadUe();
            reader.ReadUe();
        }

        if (reader.ReadFlag()) // timing_info_present_flag
        {
            reader.ReadBits(32); // num_units_in_tick
            reader.ReadBits(32); // time_scale
            reader.ReadFlag(); // fixed_frame_rate_flag
        }

        var nalHrd = reader.ReadFlag() && SkipHrd(ref reader);
        var vclHrd = reader.ReadFlag() && SkipHrd(ref reader);
        if (nalHrd || vclHrd)
        {
            reader.ReadFlag(); // low_delay_hrd_flag
        }

        reader.ReadFlag(); // pic_struct_present_flag
        if (!reader.ReadFlag() || reader.Failed) // bitstream_restriction_flag
        {
            return false;
        }

        reader.ReadFlag(); // motion_vectors_over_pic_boundaries_flag
        reader.ReadUe(); // max_bytes_per_pic_denom
        reader.ReadUe(); // max_bits_per_mb_denom
        reader.ReadUe(); // log2_max_mv_length_horizontal
        reader.ReadUe(); // log2_max_mv_length_vertical
        var reorder = reader.ReadUe();
        reader.ReadUe(); // max_dec_frame_buffering
        if (reader.Failed || reorder > 16)
        {
            return false;
        }

        maxReorderFrames = (int)reorder;
        return true;
    }

    /// <summary>hrd_parameters() (§E.1.2); true when it was read whole.</summary>
    private static bool SkipHrd(ref BitReader reader)
    {
        var cpbCount = reader.ReadUe() + 1;
        if (reader.Failed || cpbCount > 32)
        {
            return true;
        }

        reader.ReadBits(8); // bit_rate_scale, cpb_size_scale
        for (var i = 0; i < cpbCount; i++)
        {
            reader.ReadUe(); // bit_rate_value_minus1
            reader.ReadUe(); // cpb_size_value_minus1
            reader.ReadFlag(); // cbr_flag
        }

        reader.ReadBits(20); // four 5-bit delay and offset lengths
        return true;
    }
}
