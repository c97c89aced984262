using System.Buffers.Binary;
using System.Numerics;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// SipHash-2-4 with a 128-bit output (Aumasson and Bernstein, "SipHash: a fast short-input PRF", and the
/// reference implementation's <c>vectors_sip128</c>): a keyed hash of short inputs — a few hundred
/// nanoseconds where SHA-256 through the platform's library costs microseconds — whose outputs nobody
/// without the key can make collide.
/// </summary>
public static class SipHash128
{
    /// <summary>The 16-byte digest of <paramref name="message"/> under the 16-byte <paramref name="key"/>, as the reference writes it (little-endian halves).</summary>
    public static UInt128 Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("A SipHash key is 16 bytes.", nameof(key));
        }

        var k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        var v0 = k0 ^ 0x736f6d6570736575UL;
        var v1 = k1 ^ 0x646f72616e646f6dUL ^ 0xee;
        var v2 = k0 ^ 0x6c7967656e657261UL;
        var v3 = k1 ^ 0x7465646279746573UL;

        var blocks = message.Length / 8;
        for (var i = 0; i < blocks; i++)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(message.Slice(i * 8, 8));
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        var last = (ulong)message.Length << 56;
        var tail = message[(blocks * 8)..];
        for (var i = 0; i < tail.Length; i++)
        {
            last |= (ulong)tail[i] << (8 * i);
        }

        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xee;
        for (var i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        var low = v0 ^ v1 ^ v2 ^ v3;
        v1 ^= 0xdd;
        for (var i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        var high = v0 ^ v1 ^ v2 ^ v3;
        return new UInt128(high, low);
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
