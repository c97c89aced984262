using Vigie.Media.Mp4;

namespace Vigie.Media.Playback;

/// <summary>
/// One piece of a playback stream: an init segment (ftyp + moov, with its track) or a fragment whose
/// decode times were moved onto the playback timeline (<see cref="PlaybackCursor.MediaTime"/>), with the
/// wall-clock span it covers.
/// </summary>
public sealed record PlaybackChunk(PlaybackChunkKind Kind, ReadOnlyMemory<byte> Data, DateTimeOffset Start, DateTimeOffset End, Mp4TrackInfo? Track);
