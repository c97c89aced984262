using System.Buffers.Binary;

namespace Vigie.Media.Mp4;

/// <summary>
/// Finds where a fragmented MP4 written by <see cref="Mp4Fragmenter"/> stops being complete, after a
/// crash (kill -9, power loss) left a torn tail: walks the top-level boxes (ISO/IEC 14496-12 §4.2)
/// reading only their headers, and returns the end of the last moof that is followed by a complete
/// mdat. The recorder truncates the file there on restart (architecture principle 4).
/// <para>
/// A box that runs past the end of the file, a size of 0 ("to end of file", which our writer never
/// writes, so it means zeros from a lost page), a size smaller than its header, a non-printable type,
/// or a moof not followed by an mdat all end the walk: nothing after them is trusted.
/// </para>
/// </summary>
public static class Mp4TornFileScanner
{
    public static Mp4ScanResult Scan(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The scanner needs a readable, seekable stream.", nameof(stream));
        }

        var length = stream.Length;
        long position = 0;
        long initEnd = 0;
        long complete = 0;
        var fragments = 0;
        var inFragment = false;
        Span<byte> header = stackalloc byte[16];
        while (position + 8 <= length)
        {
            stream.Position = position;
            if (stream.ReadAtLeast(header[..8], 8, throwOnEndOfStream: false) < 8)
            {
                break;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header.Slice(4, 4);
            var headerSize = 8;
            if (size == 1)
            {
                // largesize (§4.2): a 64-bit size follows the type.
                if (position + 16 > length || stream.ReadAtLeast(header[8..16], 8, throwOnEndOfStream: false) < 8)
                {
                    break;
                }

                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header[8..]), long.MaxValue);
                headerSize = 16;
            }

            if (size < headerSize || !IsPrintable(type) || size > length - position)
            {
                break;
            }

            var end = position + size;
            if (type.SequenceEqual("moov"u8))
            {
                if (inFragment || initEnd > 0)
                {
                    break;
                }

                initEnd = end;
                complete = end;
            }
            else if (type.SequenceEqual("moof"u8))
            {
                if (inFragment || initEnd == 0)
                {
                    break;
                }

                inFragment = true;
            }
            else if (type.SequenceEqual("mdat"u8))
            {
                if (!inFragment)
                {
                    break;
                }

                inFragment = false;
                fragments++;
                complete = end;
            }
            else if (inFragment)
            {
                break; // our writer puts the mdat right after its moof
            }

            position = end;
        }

        return new Mp4ScanResult(length, initEnd, complete, fragments);
    }

    /// <summary>Scans a file and truncates it to its last complete fragment when it is torn.</summary>
    public static Mp4ScanResult TruncateTornTail(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var result = Scan(stream);
        if (result.IsTorn)
        {
            stream.SetLength(result.CompleteLength);
            stream.Flush(flushToDisk: true);
        }

        return result;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> type)
    {
        foreach (var c in type)
        {
            if (c is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
