using Vigie.Media.Codecs;
using Vigie.Media.Mp4;

namespace Vigie.Media.Recording;

/// <summary>
/// What a recorded fMP4 segment holds, read back through <see cref="Mp4FileReader"/>: codec and size from
/// the moov, frames, keyframes and duration from every complete fragment. Used to index segments adopted
/// after a crash, whose writer never reported them.
/// </summary>
public sealed record SegmentFileInfo(VideoCodec Codec, int Width, int Height, int Frames, int Keyframes, long DurationTicks)
{
    /// <summary>Null when the file has no readable init segment or no complete fragment.</summary>
    public static SegmentFileInfo? TryRead(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var layout = Mp4FileReader.Read(handle);
        if (layout.Init is not { } init || layout.Fragments.Count == 0)
        {
            return null;
        }

        int frames = 0, keyframes = 0;
        long duration = 0;
        foreach (var fragment in layout.Fragments)
        {
            frames += fragment.Samples.Count;
            duration += (long)fragment.Duration;
            foreach (var sample in fragment.Samples)
            {
                keyframes += sample.IsKeyframe ? 1 : 0;
            }
        }

        return new SegmentFileInfo(init.Codec, init.Width, init.Height, frames, keyframes, duration);
    }
}
