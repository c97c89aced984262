using Microsoft.Win32.SafeHandles;

namespace Vigie.Media.Mp4;

/// <summary>
/// The one reader of Vigie's fragmented MP4 files (ISO/IEC 14496-12 §8.8): walks the top-level boxes
/// reading only their headers, reads the moov (<see cref="Mp4InitReader"/>) and each moof
/// (<see cref="Mp4FragmentReader"/>), and checks that every moof is followed by a complete mdat holding its
/// samples. Playback, recorded snapshots, export, the index of adopted files and crash recovery all read
/// through here. Cost: one small read per box header and one per moof; sample bytes are never read.
/// <para>
/// Never throws on a file's content: a torn tail (a crash, a fragment being written), a box that runs past
/// the end, a size of 0 (zeros from a lost page: Vigie never writes it), an unprintable type, a moof not
/// followed by its mdat or a moof that does not parse end the walk, and the layout says
/// "damaged at byte N" with the reason. What comes before stays usable. I/O errors of the device itself
/// (<see cref="IOException"/>) are not content and reach the caller.
/// </para>
/// </summary>
public static class Mp4FileReader
{
    /// <summary>A moov larger than this is not one of a recording's (one track, empty sample tables).</summary>
    public const int MaxMoovBytes = 1 << 20;

    /// <summary>A moof larger than this is not one of a camera's (1,024 samples take 16 KiB).</summary>
    public const int MaxMoofBytes = 4 << 20;

    /// <summary>Reads the file at <paramref name="handle"/> as it is now (a growing file is read up to its current length).</summary>
    public static Mp4FileLayout Read(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return Read(new HandleSource(handle), RandomAccess.GetLength(handle));
    }

    /// <summary>Reads a seekable stream (tests, files opened as streams).</summary>
    public static Mp4FileLayout Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The reader needs a readable, seekable stream.", nameof(stream));
        }

        return Read(new StreamSource(stream), stream.Length);
    }

    private static Mp4FileLayout Read(ISource source, long length)
    {
        var walk = new Walk(source, length);
        walk.Run();
        return walk.Result();
    }

    private interface ISource
    {
        /// <summary>Reads up to destination's length at position; the count read (0 at the end of the file).</summary>
        int ReadAt(long position, Span<byte> destination);
    }

    private sealed class HandleSource(SafeFileHandle handle) : ISource
    {
        public int ReadAt(long position, Span<byte> destination) => RandomAccess.Read(handle, destination, position);
    }

    private sealed class StreamSource(Stream stream) : ISource
    {
        public int ReadAt(long position, Span<byte> destination)
        {
            stream.Position = position;
            return stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
    }

    private sealed class Walk(ISource source, long length)
    {
        private readonly List<RecordedFragment> _fragments = [];
        private byte[] _init = [];
        private Mp4InitInfo? _info;
        private long _initEnd;
        private long _complete;
        private long? _damagedAt;
        private string? _damage;

        public void Run()
        {
            Span<byte> header = stackalloc byte[16];
            long position = 0;
            while (position < length)
            {
                if (!ReadHeader(position, header, out var type, out var size, out var headerSize))
                {
                    return;
                }

                switch (type)
                {
                    case Mp4FourCc.Moov:
                        if (_initEnd > 0 || _fragments.Count > 0)
                        {
                            Damaged(position, "a second moov");
                            return;
                        }

                        if (!ReadMoov(position, size))
                        {
                            return;
                        }

                        break;
                    case Mp4FourCc.Moof:
                        if (_initEnd == 0)
                        {
                            Damaged(position, "moof before any moov");
                            return;
                        }

                        if (!ReadFragment(position, size, header, out var fragmentEnd))
                        {
                            return;
                        }

                        position = fragmentEnd;
                        continue;
                    case Mp4FourCc.Mdat:
                        Damaged(position, "mdat without a moof before it");
                        return;
                }

                // ftyp, free, skip, sidx...: nothing Vigie reads.
                position += size;
            }

            if (_initEnd == 0)
            {
                Damaged(length, "the file ends before any moov");
            }
        }

        public Mp4FileLayout Result() => new(length, _init, _info, _fragments, _complete, _damagedAt, _damage);

        private bool ReadHeader(long position, Span<byte> header, out uint type, out long size, out int headerSize)
        {
            var available = length - position;
            var wanted = (int)Math.Min(16, available);
            var got = wanted < 8 ? 0 : ReadFully(position, header[..wanted]);
            if (got < 8 || !Mp4BoxReader.TryReadFileHeader(header[..got], available, out type, out size, out headerSize))
            {
                type = 0;
                size = 0;
                headerSize = 0;
                Damaged(position, available < 8 ? $"{available} bytes left, not a box" : "box header cut, of size 0, unprintable, or running past the end of the file");
                return false;
            }

            return true;
        }

        private bool ReadMoov(long position, long size)
        {
            if (size > MaxMoovBytes)
            {
                Damaged(position, $"moov of {size} bytes is not a recording's");
                return false;
            }

            var moov = new byte[size];
            if (ReadFully(position, moov) < size)
            {
                Damaged(position, "moov cut short");
                return false;
            }

            if (!Mp4InitReader.TryRead(moov, out _info))
            {
                Damaged(position, "moov without a readable avcC or hvcC sample entry");
                return false;
            }

            _initEnd = position + size;
            _complete = _initEnd;
            _init = new byte[_initEnd];
            if (ReadFully(0, _init) < _initEnd)
            {
                Damaged(0, "init segment cut short");
                _init = [];
                return false;
            }

            return true;
        }

        private bool ReadFragment(long position, long size, Span<byte> header, out long end)
        {
            end = position;
            if (size > MaxMoofBytes)
            {
                Damaged(position, $"moof of {size} bytes is not a camera's");
                return false;
            }

            var mdatAt = position + size;
            if (!ReadHeader(mdatAt, header, out var nextType, out var mdatSize, out var mdatHeader))
            {
                // The moof is whole but what follows is not: a torn tail, reported at the moof (the fragment is lost).
                _damagedAt = position;
                _damage = $"moof not followed by a complete mdat ({_damage})";
                return false;
            }

            if (nextType != Mp4FourCc.Mdat)
            {
                Damaged(mdatAt, $"moof followed by {Mp4FourCc.Name(nextType)}, not mdat");
                return false;
            }

            var moof = new byte[size];
            if (ReadFully(position, moof) < size)
            {
                Damaged(position, "moof cut short");
                return false;
            }

            end = mdatAt + mdatSize;
            if (!Mp4FragmentReader.TryRead(moof, position, mdatAt + mdatHeader, end, out var fragment, out var at, out var damage))
            {
                Damaged(at, damage ?? "moof does not parse");
                return false;
            }

            _fragments.Add(fragment!);
            _complete = end;
            return true;
        }

        private int ReadFully(long position, Span<byte> destination)
        {
            var done = 0;
            while (done < destination.Length)
            {
                var read = source.ReadAt(position + done, destination[done..]);
                if (read <= 0)
                {
                    break;
                }

                done += read;
            }

            return done;
        }

        private void Damaged(long at, string reason)
        {
            _damagedAt = at;
            _damage = reason;
        }
    }
}
