namespace Vigie.Media.Export;

/// <summary>One MP4 file written by a <see cref="ClipWriter"/>: a run of frames under one set of parameter sets.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="StartsAt">Recorded instant the file's presentation starts at (after its edit list).</param>
/// <param name="EndsAt">Recorded instant it ends at.</param>
/// <param name="Bytes">File length.</param>
/// <param name="Frames">Frames in the file, the lead-in from the keyframe included.</param>
/// <param name="Codec">"h264" or "h265".</param>
/// <param name="Width">Picture width.</param>
/// <param name="Height">Picture height.</param>
public sealed record ClipFile(string Path, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long Bytes, int Frames, string Codec, int Width, int Height)
{
    public TimeSpan Duration => EndsAt - StartsAt;
}
