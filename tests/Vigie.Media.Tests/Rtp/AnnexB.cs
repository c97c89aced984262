namespace Vigie.Media.Tests.Rtp;

/// <summary>Splits an Annex B byte stream (ISO/IEC 14496-10 Annex B) into NAL units, start codes removed.</summary>
internal static class AnnexB
{
    public static List<byte[]> Split(ReadOnlySpan<byte> stream)
    {
        var units = new List<byte[]>();
        var start = -1;
        var i = 0;
        while (i + 3 <= stream.Length)
        {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1)
            {
                if (start >= 0)
                {
                    Add(units, stream[start..i]);
                }

                i += 3;
                start = i;
            }
            else
            {
                i++;
            }
        }

        if (start >= 0)
        {
            Add(units, stream[start..]);
        }

        return units;
    }

    /// <summary>Trailing zero bytes belong to the next 4-byte start code (trailing_zero_8bits), not to the NAL unit.</summary>
    private static void Add(List<byte[]> units, ReadOnlySpan<byte> nal)
    {
        var end = nal.Length;
        while (end > 0 && nal[end - 1] == 0)
        {
            end--;
        }

        if (end > 0)
        {
            units.Add(nal[..end].ToArray());
        }
    }
}
