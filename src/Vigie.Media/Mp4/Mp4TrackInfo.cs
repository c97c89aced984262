using Vigie.Media.Codecs;

namespace Vigie.Media.Mp4;

/// <summary>
/// What an init segment says about the video track: codec, displayed size (from the SPS, after
/// cropping), the avcC/hvcC record and the RFC 6381 codecs string a browser's MSE needs.
/// </summary>
public sealed record Mp4TrackInfo(VideoCodec Codec, int Width, int Height, ReadOnlyMemory<byte> ConfigurationRecord, string CodecString)
{
    /// <summary>False when the parameter sets are incomplete or the SPS does not parse.</summary>
    public static bool TryCreate(ParameterSets parameters, out Mp4TrackInfo? track)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        track = null;
        if (parameters.Codec == VideoCodec.H264)
        {
            if (!AvcConfigurationRecord.TryCreate(parameters, out var avc) || avc is null)
            {
                return false;
            }

            track = new Mp4TrackInfo(VideoCodec.H264, avc.Sps.Width, avc.Sps.Height, avc.Bytes, avc.CodecString);
            return true;
        }

        if (!HevcConfigurationRecord.TryCreate(parameters, out var hevc) || hevc is null)
        {
            return false;
        }

        track = new Mp4TrackInfo(VideoCodec.H265, hevc.Sps.Width, hevc.Sps.Height, hevc.Bytes, hevc.CodecString);
        return true;
    }
}
