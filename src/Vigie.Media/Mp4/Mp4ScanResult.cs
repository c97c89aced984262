namespace Vigie.Media.Mp4;

/// <summary>What <see cref="Mp4TornFileScanner"/> found in a fragmented MP4 file.</summary>
/// <param name="FileLength">Length of the file as scanned.</param>
/// <param name="InitSegmentLength">End of the moov box; 0 when there is no complete moov (the file is unusable).</param>
/// <param name="CompleteLength">End of the last complete moof + mdat pair (or of the moov when there is none): the length to truncate to.</param>
/// <param name="FragmentCount">Complete fragments before <paramref name="CompleteLength"/>.</param>
/// <param name="Damage">"damaged at byte N: reason" when the file is not whole; null otherwise.</param>
public readonly record struct Mp4ScanResult(long FileLength, long InitSegmentLength, long CompleteLength, int FragmentCount, string? Damage = null)
{
    /// <summary>True when bytes after the last complete fragment must be cut off.</summary>
    public bool IsTorn => CompleteLength < FileLength;

    /// <summary>True when the file holds an init segment and at least one complete fragment.</summary>
    public bool IsPlayable => InitSegmentLength > 0 && FragmentCount > 0;
}
