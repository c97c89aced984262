using Microsoft.Win32.SafeHandles;

namespace Vigie.Media.Playback;

/// <summary>
/// The segment a camera's recorder is writing now (not yet in the index): where its first frame was
/// recorded, and how to open it — under the recorder's rename lock, since it is renamed when complete; the
/// handle stays valid across the rename. Playback reads it so that the last seconds can be replayed at once.
/// </summary>
public sealed class GrowingSegment(DateTimeOffset startsAt, Func<SafeFileHandle?> open)
{
    public DateTimeOffset StartsAt { get; } = startsAt;

    /// <summary>A read handle, or null when the file is gone.</summary>
    public SafeFileHandle? TryOpen() => open();

    /// <summary>
    /// Where the fragments on disk end so far (wall-clock), or null when none is complete yet, the file is
    /// gone or cannot be read (it was renamed and indexed meanwhile: the index has it then).
    /// </summary>
    public DateTimeOffset? RecordedUntil()
    {
        try
        {
            using var handle = TryOpen();
            if (handle is null)
            {
                return null;
            }

            var file = RecordedSegmentFile.Read("(segment being recorded)", handle);
            return file.Fragments.Count == 0 ? null : StartsAt + TimeSpan.FromTicks((long)(file.Duration * 1000 / 9));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }
}
