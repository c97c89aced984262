namespace Vigie.Media.Mp4;

/// <summary>When an <see cref="Mp4Fragmenter"/> closes a fragment.</summary>
public sealed class Mp4FragmenterOptions
{
    /// <summary>Close a fragment before every keyframe (one fragment per GOP). Recording wants this so every fragment is a seek point.</summary>
    public bool CutAtKeyframes { get; set; } = true;

    /// <summary>
    /// Close a fragment once it spans this long, even mid-GOP. Short values (200 ms) cut live latency;
    /// the cap also bounds the frames held in memory when a camera's GOP is very long.
    /// </summary>
    public TimeSpan MaxFragmentDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Live mode: write every frame as its own fragment the moment it arrives instead of when the next one
    /// does, so a viewer sees it one frame interval sooner. Each fragment's decode time comes from the
    /// frame's own timestamp and its duration is the previous step (a guess the next fragment corrects),
    /// so small clock changes never accumulate. Recording keeps this off: durations there are exact.
    /// </summary>
    public bool EmitEachFrame { get; set; }

    /// <summary>
    /// Files for others (exports): B-frames' composition offsets are written never negative, in a version 0
    /// trun, the form every player reads alike (ffmpeg 5.1 shifts a file with negative offsets by their
    /// largest magnitude, which an edit list cannot then express for every player). Each segment's decode
    /// times then start <see cref="Mp4Fragmenter.CompositionShift"/> ticks before its first picture, and its
    /// edit list must present from there. Recordings keep signed offsets: their keyframes' decode and
    /// presentation times are equal, which the playback timeline relies on.
    /// </summary>
    public bool NonNegativeCompositionOffsets { get; set; }

    /// <summary>Duration of a lone last sample when nothing better is known (25 fps, the common camera rate).</summary>
    public TimeSpan DefaultFrameDuration { get; set; } = TimeSpan.FromMilliseconds(40);

    public void Validate()
    {
        if (MaxFragmentDuration <= TimeSpan.Zero || MaxFragmentDuration > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFragmentDuration), MaxFragmentDuration, "MaxFragmentDuration must be between 0 and 1 minute.");
        }

        if (DefaultFrameDuration <= TimeSpan.Zero || DefaultFrameDuration > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultFrameDuration), DefaultFrameDuration, "DefaultFrameDuration must be between 0 and 10 seconds.");
        }
    }
}
