namespace Vigie.Media.Mp4;

/// <summary>
/// What <see cref="Mp4FileReader"/> found in a fragmented MP4 file: its init segment, its complete fragments,
/// and where (if anywhere) it stops being whole.
/// </summary>
/// <param name="FileLength">Length of the file as read.</param>
/// <param name="InitSegment">ftyp + moov (every byte up to the end of the moov); empty when there is no readable moov.</param>
/// <param name="Init">The video track the moov describes; null when there is none Vigie can read.</param>
/// <param name="Fragments">The complete fragments (moof + mdat) in file order, up to the first damage.</param>
/// <param name="CompleteLength">End of the last complete fragment (or of the moov when there is none; 0 without a moov): a file truncated here is whole.</param>
/// <param name="DamagedAt">The byte where the file stops being readable (a torn tail, a damaged box); null when it is whole to its end.</param>
/// <param name="Damage">What is wrong at <paramref name="DamagedAt"/>.</param>
public sealed record Mp4FileLayout(
    long FileLength,
    ReadOnlyMemory<byte> InitSegment,
    Mp4InitInfo? Init,
    IReadOnlyList<RecordedFragment> Fragments,
    long CompleteLength,
    long? DamagedAt,
    string? Damage)
{
    /// <summary>"damaged at byte N: reason", or null for a whole file.</summary>
    public string? DamageDescription => DamagedAt is { } at ? $"damaged at byte {at}: {Damage}" : null;
}
