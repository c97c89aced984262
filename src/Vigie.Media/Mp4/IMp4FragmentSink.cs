using Vigie.Media.Codecs;

namespace Vigie.Media.Mp4;

/// <summary>
/// Receives what an <see cref="Mp4Fragmenter"/> produces. The spans are only valid during the call:
/// a sink that keeps bytes (a WebSocket queue) copies them.
/// <para>
/// Design: every <see cref="OnInitSegment"/> starts a new segment. A recorder opens a new file there,
/// so a segment file never mixes two inits (players and ffprobe read one moov per file); a live
/// fan-out forwards the new init to MSE, which accepts a new init segment in the same SourceBuffer.
/// </para>
/// </summary>
public interface IMp4FragmentSink
{
    /// <summary>A new segment starts with this ftyp + moov (first keyframe, parameter-set change, or a requested cut).</summary>
    void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters);

    /// <summary>A complete moof + mdat of the current segment.</summary>
    void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info);
}
