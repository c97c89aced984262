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
