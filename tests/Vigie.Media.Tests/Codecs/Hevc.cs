namespace Vigie.Media.Tests.Codecs;

/// <summary>Hand-built H.265 parameter sets for tests that need one field set to a chosen value.</summary>
internal static class Hevc
{
    /// <summary>
    /// An SPS (ITU-T H.265 §7.3.2.2) of a 640x360 Main picture stating sps_max_num_reorder_pics =
    /// <paramref name="reorder"/>, with emulation prevention applied.
    /// </summary>
    public static byte[] SpsWithReorder(int reorder)
    {
        var bits = new List<bool>();
        void Put(ulong value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                bits.Add(((value >> i) & 1) == 1);
            }
        }

        void Ue(uint value)
        {
            var coded = value + 1;
            var length = 32 - System.Numerics.BitOperations.LeadingZeroCount(coded);
            Put(0, length - 1);
            Put(coded, length);
        }

        Put(0, 4); // sps_video_parameter_set_id
        Put(0, 3); // sps_max_sub_layers_minus1
        Put(1, 1); // sps_temporal_id_nesting_flag
        Put(0, 2); // general_profile_space
        Put(0, 1); // general_tier_flag
        Put(1, 5); // general_profile_idc: Main
        Put(0x6000_0000, 32); // compatibility flags 1 and 2
        Put(0x9000_0000_0000, 48); // progressive, frame only
        Put(90, 8); // general_level_idc 3.0
        Ue(0); // sps_seq_parameter_set_id
        Ue(1); // chroma_format_idc 4:2:0
        Ue(640);
        Ue(360);
        Put(0, 1); // conformance_window_flag
        Ue(0); // bit_depth_luma_minus8
        Ue(0); // bit_depth_chroma_minus8
        Ue(4); // log2_max_pic_order_cnt_lsb_minus4
        Put(1, 1); // sps_sub_layer_ordering_info_present_flag
        Ue((uint)reorder + 1); // sps_max_dec_pic_buffering_minus1
        Ue((uint)reorder); // sps_max_num_reorder_pics
        Ue(0); // sps_max_latency_increase_plus1
        Put(1, 1); // rbsp_stop_one_bit
        while (bits.Count % 8 != 0)
        {
            bits.Add(false);
        }

        var rbsp = new List<byte> { 0x42, 0x01 }; // nal_unit_type 33 (SPS_NUT), nuh_temporal_id_plus1 1
        var zeros = 0;
        for (var i = 0; i < bits.Count; i += 8)
        {
            byte value = 0;
            for (var b = 0; b < 8; b++)
            {
                value = (byte)((value << 1) | (bits[i + b] ? 1 : 0));
            }

            if (zeros >= 2 && value <= 3)
            {
                rbsp.Add(3); // emulation_prevention_three_byte (§7.4.2)
                zeros = 0;
            }

            rbsp.Add(value);
            zeros = value == 0 ? zeros + 1 : 0;
        }

        return [.. rbsp];
    }
}
