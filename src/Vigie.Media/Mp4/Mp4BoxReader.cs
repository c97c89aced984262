using System.Buffers.Binary;

namespace Vigie.Media.Mp4;

/// <summary>
/// Reads box headers (ISO/IEC 14496-12 §4.2: 32-bit size, type, optional 64-bit largesize) from bytes in
/// memory. Never throws on bad input: a header that is cut, a size smaller than its header, a box that runs
/// past its container or an unprintable type is reported as not readable, and callers stop there.
/// </summary>
public static class Mp4BoxReader
{
    /// <summary>The box at <paramref name="at"/>, which must end by <paramref name="end"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, int at, int end, out Mp4Box box)
    {
        box = default;
        end = Math.Min(end, data.Length);
        if (at < 0 || end - at < 8)
        {
            return false;
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
        var type = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 4)..]);
        var header = 8;
        if (size == 1)
        {
            if (end - at < 16)
            {
                return false;
            }

            size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(data[(at + 8)..]), long.MaxValue);
            header = 16;
        }
        else if (size == 0)
        {
            size = end - at; // §4.2: the box extends to the end of its container
        }

        if (size < header || size > end - at || !Mp4FourCc.IsPrintable(type))
        {
            return false;
        }

        box = new Mp4Box(type, at, header, (int)size);
        return true;
    }

    /// <summary>The first child of type <paramref name="type"/> in [<paramref name="start"/>, <paramref name="end"/>); null when absent or the walk meets a damaged box first.</summary>
    public static Mp4Box? Find(ReadOnlySpan<byte> data, int start, int end, uint type)
    {
        foreach (var box in new Mp4BoxEnumerator(data, start, end))
        {
            if (box.Type == type)
            {
                return box;
            }
        }

        return null;
    }

    /// <summary>The box found by following <paramref name="path"/> from the top level of <paramref name="data"/> (e.g. moov, trak, tkhd).</summary>
    public static Mp4Box? FindPath(ReadOnlySpan<byte> data, params ReadOnlySpan<uint> path)
    {
        int start = 0, end = data.Length;
        Mp4Box? found = null;
        foreach (var type in path)
        {
            found = Find(data, start, end, type);
            if (found is not { } box)
            {
                return null;
            }

            start = box.Body;
            end = box.End;
        }

        return found;
    }

    /// <summary>
    /// Reads a header from its first bytes read off a file (8 or 16 of them in <paramref name="header"/>):
    /// false when it is not a box that fits in the <paramref name="available"/> bytes left in the file.
    /// </summary>
    public static bool TryReadFileHeader(ReadOnlySpan<byte> header, long available, out uint type, out long size, out int headerSize)
    {
        type = 0;
        size = 0;
        headerSize = 8;
        if (header.Length < 8 || available < 8)
        {
            return false;
        }

        size = BinaryPrimitives.ReadUInt32BigEndian(header);
        type = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (size == 1)
        {
            if (header.Length < 16 || available < 16)
            {
                return false;
            }

            size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header[8..]), long.MaxValue);
            headerSize = 16;
        }

        // Size 0 ("to the end of the file") is never written by Vigie: at top level it means zeros from a lost page.
        return size >= headerSize && size <= available && Mp4FourCc.IsPrintable(type);
    }
}
