using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Codecs;

public sealed class BitReaderTests
{
    [Fact]
    public void Exp_golomb_codes_decode_to_their_values()
    {
        // ue(v) codes 1, 010, 011, 00100, 00101 = 0, 1, 2, 3, 4 (§9.1); padded with ones.
        var reader = new BitReader([0b1010_0110, 0b0100_0010, 0b1111_1111]);
        Assert.Equal(0u, reader.ReadUe());
        Assert.Equal(1u, reader.ReadUe());
        Assert.Equal(2u, reader.ReadUe());
        Assert.Equal(3u, reader.ReadUe());
        Assert.Equal(4u, reader.ReadUe());
        Assert.False(reader.Failed);
    }

    [Fact]
    public void Signed_exp_golomb_alternates_positive_and_negative()
    {
        // se(v) codes 010, 011, 00100, 00101 = 1, -1, 2, -2 (§9.1.1).
        var reader = new BitReader([0b0100_1100, 0b1000_0101]);
        Assert.Equal(1, reader.ReadSe());
        Assert.Equal(-1, reader.ReadSe());
        Assert.Equal(2, reader.ReadSe());
        Assert.Equal(-2, reader.ReadSe());
    }

    [Fact]
    public void Emulation_prevention_bytes_are_not_part_of_the_payload()
    {
        // 00 00 03 01 on the wire is 00 00 01 in the RBSP (§7.4.1).
        var reader = new BitReader([0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x00, 0xFF]);
        Assert.Equal(0x000001u, reader.ReadBits(24));
        Assert.Equal(0x000000u, reader.ReadBits(24));
        Assert.Equal(0xFFu, reader.ReadBits(8));
        Assert.False(reader.Failed);
    }

    [Fact]
    public void Reading_past_the_end_fails_instead_of_throwing()
    {
        var reader = new BitReader([0xFF]);
        Assert.Equal(0xFFu, reader.ReadBits(8));
        Assert.False(reader.Failed);
        Assert.Equal(0u, reader.ReadBits(8));
        Assert.True(reader.Failed);
    }

    [Fact]
    public void An_exp_golomb_code_longer_than_32_bits_fails()
    {
        var reader = new BitReader(new byte[8]);
        Assert.Equal(0u, reader.ReadUe());
        Assert.True(reader.Failed);
    }
}
