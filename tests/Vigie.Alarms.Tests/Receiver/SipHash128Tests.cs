using System.Buffers.Binary;
using Vigie.Alarms.Receiver;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>SipHash-2-4-128 against the reference implementation's vectors (key 00 01 … 0f, message 00 01 … of growing length).</summary>
public sealed class SipHash128Tests
{
    private static readonly byte[] Key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(0, "a3817f04ba25a8e66df67214c7550293")]
    [InlineData(1, "da87c1d86b99af44347659119b22fc45")]
    [InlineData(2, "8177228da4a45dc7fca38bdef60affe4")]
    public void The_digest_matches_the_reference_vectors(int length, string expected)
    {
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var digest = SipHash128.Compute(Key, message);

        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)digest);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), (ulong)(digest >> 64));
        Assert.Equal(expected, Convert.ToHexStringLower(bytes));
    }
}
