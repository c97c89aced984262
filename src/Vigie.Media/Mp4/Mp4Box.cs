namespace Vigie.Media.Mp4;

/// <summary>
/// One box (ISO/IEC 14496-12 §4.2) found in bytes held in memory; offsets count from the start of those bytes.
/// </summary>
/// <param name="Type">The four-character type, big-endian (see <see cref="Mp4FourCc"/>).</param>
/// <param name="Start">Offset of the box's first byte.</param>
/// <param name="HeaderSize">8, or 16 with a 64-bit largesize.</param>
/// <param name="Size">Bytes of the whole box, header included.</param>
public readonly record struct Mp4Box(uint Type, int Start, int HeaderSize, int Size)
{
    /// <summary>Offset of the first byte after the header (a full box's version/flags, or the children).</summary>
    public int Body => Start + HeaderSize;

    public int End => Start + Size;

    public int BodyLength => Size - HeaderSize;
}
