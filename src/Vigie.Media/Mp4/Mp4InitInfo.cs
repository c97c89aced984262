using Vigie.Media.Codecs;

namespace Vigie.Media.Mp4;

/// <summary>What a file's init segment (moov) says of its video track.</summary>
/// <param name="Codec">From the sample entry type (avc1/avc3, hvc1/hev1).</param>
/// <param name="Width">From the track header, pixels.</param>
/// <param name="Height">From the track header, pixels.</param>
/// <param name="Parameters">The parameter sets of the avcC/hvcC configuration record.</param>
public sealed record Mp4InitInfo(VideoCodec Codec, int Width, int Height, ParameterSets Parameters);
