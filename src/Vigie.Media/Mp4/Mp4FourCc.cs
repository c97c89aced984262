using System.Buffers.Binary;

namespace Vigie.Media.Mp4;

/// <summary>Four-character box and sample-entry types as big-endian numbers, so that readers compare integers.</summary>
public static class Mp4FourCc
{
    public const uint Ftyp = 0x66747970;
    public const uint Moov = 0x6D6F6F76;
    public const uint Mvhd = 0x6D766864;
    public const uint Trak = 0x7472616B;
    public const uint Tkhd = 0x746B6864;
    public const uint Mdia = 0x6D646961;
    public const uint Minf = 0x6D696E66;
    public const uint Stbl = 0x7374626C;
    public const uint Stsd = 0x73747364;
    public const uint Moof = 0x6D6F6F66;
    public const uint Traf = 0x74726166;
    public const uint Tfhd = 0x74666864;
    public const uint Tfdt = 0x74666474;
    public const uint Trun = 0x7472756E;
    public const uint Mdat = 0x6D646174;
    public const uint Avc1 = 0x61766331;
    public const uint Avc3 = 0x61766333;
    public const uint AvcC = 0x61766343;
    public const uint Hvc1 = 0x68766331;
    public const uint Hev1 = 0x68657631;
    public const uint HvcC = 0x68766343;

    public static uint Of(ReadOnlySpan<byte> type) => BinaryPrimitives.ReadUInt32BigEndian(type);

    /// <summary>The type as text, for messages ("moof"); unprintable bytes as '?'.</summary>
    public static string Name(uint type) => string.Create(4, type, static (chars, value) =>
    {
        for (var i = 0; i < 4; i++)
        {
            var c = (char)((value >> (24 - (8 * i))) & 0xFF);
            chars[i] = c is >= ' ' and <= '~' ? c : '?';
        }
    });

    /// <summary>Every byte printable ASCII: a type our writer could have written (zeros from a lost page are not).</summary>
    public static bool IsPrintable(uint type)
    {
        for (var shift = 0; shift < 32; shift += 8)
        {
            var c = (type >> shift) & 0xFF;
            if (c is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
