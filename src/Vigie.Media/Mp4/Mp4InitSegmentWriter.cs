using System.Buffers;
using Vigie.Media.Codecs;

namespace Vigie.Media.Mp4;

/// <summary>
/// Writes the initialisation segment of a fragmented MP4 with one video track (ISO/IEC 14496-12 §8.16,
/// ftyp + moov): empty sample tables in the trak, samples only in later movie fragments (mvex/trex
/// announces them, §8.8.1). The sample entry is 'avc1' + 'avcC' or 'hvc1' + 'hvcC': parameter sets
/// live only in the init segment, never in band, which is why a parameter-set change needs a new init.
/// </summary>
public static class Mp4InitSegmentWriter
{
    /// <summary>Track timescale: the RTP video clock (RFC 6184 §8.2.1), so timestamps need no rescaling.</summary>
    public const uint Timescale = 90_000;

    /// <summary>The one track's ID, shared with the fragments' tfhd.</summary>
    public const uint TrackId = 1;

    /// <summary>Room for every box of the init segment except the configuration record.</summary>
    private const int FixedPartBound = 1024;

    /// <summary>
    /// Writes ftyp + moov for the parameter sets. False when they do not describe a decodable track
    /// (incomplete, or an SPS that does not parse); nothing is written then.
    /// </summary>
    public static bool TryWrite(IBufferWriter<byte> output, ParameterSets parameters, out Mp4TrackInfo? track)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!Mp4TrackInfo.TryCreate(parameters, out track) || track is null)
        {
            return false;
        }

        var record = track.ConfigurationRecord.Span;
        var bound = FixedPartBound + record.Length;
        var span = output.GetSpan(bound);
        var writer = new Mp4BoxWriter(span);
        WriteFileType(ref writer, track.Codec);
        WriteMovie(ref writer, track);
        output.Advance(writer.Position);
        return true;
    }

    private static void WriteFileType(ref Mp4BoxWriter writer, VideoCodec codec)
    {
        // §4.3: 'iso6' covers tfdt version 1 and default-base-is-moof; 'iso5' is what MSE players look for.
        var ftyp = writer.BeginBox("ftyp"u8);
        writer.WriteBytes("iso6"u8);
        writer.WriteUInt32(0); // minor_version
        writer.WriteBytes("iso6"u8);
        writer.WriteBytes("iso5"u8);
        writer.WriteBytes("isom"u8);
        writer.WriteBytes(codec == VideoCodec.H264 ? "avc1"u8 : "hvc1"u8);
        writer.WriteBytes("mp41"u8);
        writer.EndBox(ftyp);
    }

    private static void WriteMovie(ref Mp4BoxWriter writer, Mp4TrackInfo track)
    {
        var moov = writer.BeginBox("moov"u8);

        // mvhd §8.2.2, version 0. Durations are 0: a fragmented file's length is the sum of its fragments.
        var mvhd = writer.BeginFullBox("mvhd"u8, 0, 0);
        writer.WriteUInt32(0); // creation_time
        writer.WriteUInt32(0); // modification_time
        writer.WriteUInt32(Timescale);
        writer.WriteUInt32(0); // duration
        writer.WriteUInt32(0x00010000); // rate 1.0
        writer.WriteUInt16(0x0100); // volume 1.0
        writer.WriteZeros(10); // reserved
        writer.WriteUnityMatrix();
        writer.WriteZeros(24); // pre_defined
        writer.WriteUInt32(TrackId + 1); // next_track_ID
        writer.EndBox(mvhd);

        var trak = writer.BeginBox("trak"u8);
        WriteTrackHeader(ref writer, track);
        WriteMedia(ref writer, track);
        writer.EndBox(trak);

        // mvex/trex §8.8.3: no defaults; every trun states duration, size and flags per sample.
        var mvex = writer.BeginBox("mvex"u8);
        var trex = writer.BeginFullBox("trex"u8, 0, 0);
        writer.WriteUInt32(TrackId);
        writer.WriteUInt32(1); // default_sample_description_index
        writer.WriteUInt32(0); // default_sample_duration
        writer.WriteUInt32(0); // default_sample_size
        writer.WriteUInt32(0); // default_sample_flags
        writer.EndBox(trex);
        writer.EndBox(mvex);

        writer.EndBox(moov);
    }

    private static void WriteTrackHeader(ref Mp4BoxWriter writer, Mp4TrackInfo track)
    {
        // tkhd §8.3.2, flags track_enabled | track_in_movie.
        var tkhd = writer.BeginFullBox("tkhd"u8, 0, 0x000003);
        writer.WriteUInt32(0); // creation_time
        writer.WriteUInt32(0); // modification_time
        writer.WriteUInt32(TrackId);
        writer.WriteUInt32(0); // reserved
        writer.WriteUInt32(0); // duration
        writer.WriteZeros(8); // reserved
        writer.WriteUInt16(0); // layer
        writer.WriteUInt16(0); // alternate_group
        writer.WriteUInt16(0); // volume: 0 for video
        writer.WriteUInt16(0); // reserved
        writer.WriteUnityMatrix();
        writer.WriteUInt32((uint)track.Width << 16); // 16.16 fixed point, displayed (cropped) size
        writer.WriteUInt32((uint)track.Height << 16);
        writer.EndBox(tkhd);
    }

    private static void WriteMedia(ref Mp4BoxWriter writer, Mp4TrackInfo track)
    {
        var mdia = writer.BeginBox("mdia"u8);

        var mdhd = writer.BeginFullBox("mdhd"u8, 0, 0); // §8.4.2
        writer.WriteUInt32(0); // creation_time
        writer.WriteUInt32(0); // modification_time
        writer.WriteUInt32(Timescale);
        writer.WriteUInt32(0); // duration
        writer.WriteUInt16(0x55C4); // pad + ISO-639-2/T 'und' packed as three 5-bit letters
        writer.WriteUInt16(0); // pre_defined
        writer.EndBox(mdhd);

        var hdlr = writer.BeginFullBox("hdlr"u8, 0, 0); // §8.4.3
        writer.WriteUInt32(0); // pre_defined
        writer.WriteBytes("vide"u8);
        writer.WriteZeros(12); // reserved
        writer.WriteBytes("VideoHandler\0"u8);
        writer.EndBox(hdlr);

        var minf = writer.BeginBox("minf"u8);
        var vmhd = writer.BeginFullBox("vmhd"u8, 0, 1); // §12.1.2: flags = 1 by definition
        writer.WriteZeros(8); // graphicsmode, opcolor
        writer.EndBox(vmhd);

        // dinf/dref §8.7.2: one self-contained 'url ' entry (flag 1: media in this file).
        var dinf = writer.BeginBox("dinf"u8);
        var dref = writer.BeginFullBox("dref"u8, 0, 0);
        writer.WriteUInt32(1);
        var url = writer.BeginFullBox("url "u8, 0, 1);
        writer.EndBox(url);
        writer.EndBox(dref);
        writer.EndBox(dinf);

        WriteSampleTable(ref writer, track);
        writer.EndBox(minf);
        writer.EndBox(mdia);
    }

    private static void WriteSampleTable(ref Mp4BoxWriter writer, Mp4TrackInfo track)
    {
        var stbl = writer.BeginBox("stbl"u8);
        var stsd = writer.BeginFullBox("stsd"u8, 0, 0); // §8.5.2
        writer.WriteUInt32(1); // entry_count

        // VisualSampleEntry §12.1.3, then the codec's configuration box (ISO/IEC 14496-15 §5.4.2.1, §8.4.1.1).
        var entry = writer.BeginBox(track.Codec == VideoCodec.H264 ? "avc1"u8 : "hvc1"u8);
        writer.WriteZeros(6); // reserved
        writer.WriteUInt16(1); // data_reference_index
        writer.WriteZeros(16); // pre_defined, reserved, pre_defined[3]
        writer.WriteUInt16((ushort)track.Width);
        writer.WriteUInt16((ushort)track.Height);
        writer.WriteUInt32(0x00480000); // horizresolution 72 dpi
        writer.WriteUInt32(0x00480000); // vertresolution 72 dpi
        writer.WriteUInt32(0); // reserved
        writer.WriteUInt16(1); // frame_count
        writer.WriteZeros(32); // compressorname (empty Pascal string)
        writer.WriteUInt16(0x0018); // depth: colour, no alpha
        writer.WriteUInt16(0xFFFF); // pre_defined = -1
        var config = writer.BeginBox(track.Codec == VideoCodec.H264 ? "avcC"u8 : "hvcC"u8);
        writer.WriteBytes(track.ConfigurationRecord.Span);
        writer.EndBox(config);
        writer.EndBox(entry);
        writer.EndBox(stsd);

        // Mandatory sample tables, empty: the samples are in the fragments (§8.8.1).
        var stts = writer.BeginFullBox("stts"u8, 0, 0);
        writer.WriteUInt32(0);
        writer.EndBox(stts);
        var stsc = writer.BeginFullBox("stsc"u8, 0, 0);
        writer.WriteUInt32(0);
        writer.EndBox(stsc);
        var stsz = writer.BeginFullBox("stsz"u8, 0, 0);
        writer.WriteUInt32(0); // sample_size
        writer.WriteUInt32(0); // sample_count
        writer.EndBox(stsz);
        var stco = writer.BeginFullBox("stco"u8, 0, 0);
        writer.WriteUInt32(0);
        writer.EndBox(stco);
        writer.EndBox(stbl);
    }
}
