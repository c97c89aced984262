using System.Buffers.Binary;
using Vigie.Media.Mp4;

namespace Vigie.Media.Tests.Mp4;

public sealed class Mp4TornFileScannerTests
{
    [Fact]
    public void Zeros_left_by_a_lost_page_after_the_last_fragment_are_cut_off()
    {
        byte[] file = [.. Box("ftyp", 16), .. Box("moov", 100), .. Box("moof", 60), .. Box("mdat", 500), .. new byte[4096]];

        var result = Mp4TornFileScanner.Scan(new MemoryStream(file));

        Assert.Equal((16 + 100 + 60 + 500L, 1), (result.CompleteLength, result.FragmentCount));
        Assert.True(result.IsTorn);
        Assert.True(result.IsPlayable);
    }

    [Fact]
    public void A_moof_without_its_mdat_is_not_a_complete_fragment()
    {
        byte[] file = [.. Box("ftyp", 16), .. Box("moov", 100), .. Box("moof", 60)];

        var result = Mp4TornFileScanner.Scan(new MemoryStream(file));

        Assert.Equal(116, result.CompleteLength);
        Assert.Equal(116, result.InitSegmentLength);
        Assert.False(result.IsPlayable);
    }

    [Fact]
    public void A_file_without_a_complete_moov_keeps_nothing()
    {
        byte[] file = [.. Box("ftyp", 16), .. Box("moov", 100)[..50]];

        var result = Mp4TornFileScanner.Scan(new MemoryStream(file));

        Assert.Equal((0L, 0L), (result.CompleteLength, result.InitSegmentLength));
    }

    [Fact]
    public void A_64_bit_box_size_is_followed()
    {
        var large = Box("mdat", 40);
        BinaryPrimitives.WriteUInt32BigEndian(large, 1);
        BinaryPrimitives.WriteUInt64BigEndian(large.AsSpan(8), 40);
        byte[] file = [.. Box("ftyp", 16), .. Box("moov", 100), .. Box("moof", 60), .. large];

        var result = Mp4TornFileScanner.Scan(new MemoryStream(file));

        Assert.False(result.IsTorn);
        Assert.Equal(1, result.FragmentCount);
    }

    private static byte[] Box(string type, int size)
    {
        var box = new byte[size];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        return box;
    }
}
