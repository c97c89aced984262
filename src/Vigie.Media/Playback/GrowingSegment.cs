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
}
