namespace Vigie.Media.Live;

/// <summary>What a <see cref="LiveChunk"/> carries.</summary>
public enum LiveChunkKind
{
    /// <summary>An fMP4 init segment (ftyp + moov).</summary>
    Init = 1,

    /// <summary>One moof + mdat.</summary>
    Fragment = 2,
}
