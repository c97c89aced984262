namespace Vigie.Media.Playback;

/// <summary>What a <see cref="PlaybackChunk"/> carries; the values are the live stream's message kinds.</summary>
public enum PlaybackChunkKind
{
    Init = 1,
    Fragment = 2,
}
