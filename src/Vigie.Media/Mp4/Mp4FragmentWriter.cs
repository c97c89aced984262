using System.Buffers;
using Vigie.Media.Ingest;

namespace Vigie.Media.Mp4;

/// <summary>
/// Writes one movie fragment (ISO/IEC 14496-12 §8.8: moof + mdat) of the single video track. The moof
/// has a fixed layout (mfhd, traf with tfhd, tfdt v1 and one trun), so its size is known from the
/// sample count and the sample payloads are copied straight from <see cref="AccessUnit.Data"/>, which
/// already is the length-prefixed sample format. No allocation per fragment or per sample.
/// <para>
/// Sample durations are steps of <see cref="AccessUnit.DecodeTimestamp"/>. A fragment whose frames are all
/// shown when they are decoded (no B-frames: most cameras) has a version 0 trun without composition
/// offsets; one with B-frames has each sample's composition offset (§8.8.8.3: presentation = decode +
/// offset), so players show its frames in their order: signed in a version 1 trun when one is negative,
/// else in a version 0 one.
/// </para>
/// </summary>
public static class Mp4FragmentWriter
{
    /// <summary>sample_depends_on = 2 (depends on no other sample), is_non_sync_sample = 0 (§8.8.3.1).</summary>
    internal const uint SyncSampleFlags = 0x02000000;

    /// <summary>sample_depends_on = 1 (depends on others), is_non_sync_sample = 1 (§8.8.3.1).</summary>
    internal const uint NonSyncSampleFlags = 0x01010000;

    /// <summary>tfhd flag default-base-is-moof (§8.8.7.1): data offsets count from the moof's first byte.</summary>
    private const uint DefaultBaseIsMoof = 0x020000;

    /// <summary>trun flags (§8.8.8.1): data-offset, sample-duration, sample-size and sample-flags present.</summary>
    private const uint TrunFlags = 0x000001 | 0x000100 | 0x000200 | 0x000400;

    /// <summary>trun flag sample-composition-time-offsets-present (§8.8.8.1).</summary>
    private const uint CompositionOffsetsPresent = 0x000800;

    /// <summary>moof size without trun entries: moof 8 + mfhd 16 + traf 8 + tfhd 16 + tfdt 20 + trun 20.</summary>
    private const int MoofFixedSize = 88;

    private const int TrunEntrySize = 12;

    private const int CompositionOffsetSize = 4;

    private const int MdatHeaderSize = 8;

    /// <summary>Size of the moof box for a fragment of <paramref name="sampleCount"/> samples.</summary>
    public static int MoofSize(int sampleCount, bool compositionOffsets = false) =>
        MoofFixedSize + ((TrunEntrySize + (compositionOffsets ? CompositionOffsetSize : 0)) * sampleCount);

    /// <summary>True when a sample of <paramref name="samples"/> is shown at another time than it is decoded (B-frames).</summary>
    public static bool HasCompositionOffsets(ReadOnlySpan<AccessUnit> samples)
    {
        foreach (var sample in samples)
        {
            if (sample.CompositionOffset != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes moof + mdat for <paramref name="samples"/> (decode order, at least one). Each sample lasts
    /// until the next one's decode timestamp; the last one lasts <paramref name="lastSampleDuration"/> (the
    /// caller knows it from the next frame, or reuses the previous duration at the end of a stream).
    /// A non-increasing or absurd timestamp step reuses the previous duration, so the decode timeline
    /// never goes backwards. Returns the fragment's size; <paramref name="duration"/> is the sum of the
    /// sample durations, i.e. how far the next fragment's baseMediaDecodeTime moves.
    /// </summary>
    /// <param name="compositionShift">Added to every composition offset (see <see cref="Mp4FragmenterOptions.NonNegativeCompositionOffsets"/>).</param>
    public static int Write(IBufferWriter<byte> output, uint sequenceNumber, ulong baseMediaDecodeTime, ReadOnlySpan<AccessUnit> samples, uint lastSampleDuration, out ulong duration, uint compositionShift = 0)
    {
        var size = WriteHeader(output, sequenceNumber, baseMediaDecodeTime, samples, lastSampleDuration, out duration, compositionShift);
        foreach (var sample in samples)
        {
            var data = sample.Data.Span;
            data.CopyTo(output.GetSpan(data.Length));
            output.Advance(data.Length);
        }

        return size;
    }

    /// <summary>
    /// Writes only the moof and the mdat header of the fragment that <see cref="Write"/> would write; the
    /// mdat payload is the samples' <see cref="AccessUnit.Data"/>, one after the other, for a sink that
    /// writes them straight from the frames (one gather write, no copy). Returns the whole fragment's size.
    /// </summary>
    public static int WriteHeader(IBufferWriter<byte> output, uint sequenceNumber, ulong baseMediaDecodeTime, ReadOnlySpan<AccessUnit> samples, uint lastSampleDuration, out ulong duration, uint compositionShift = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfZero(samples.Length);
        ArgumentOutOfRangeException.ThrowIfZero(lastSampleDuration);

        long payload = 0;
        foreach (var sample in samples)
        {
            payload += sample.Data.Length;
        }

        var offsets = compositionShift > 0 || HasCompositionOffsets(samples);
        var signed = false;
        foreach (var sample in samples)
        {
            signed |= sample.CompositionOffset + compositionShift < 0;
        }

        var moofSize = MoofSize(samples.Length, offsets);
        var mdatSize = MdatHeaderSize + payload;
        if (mdatSize > uint.MaxValue || moofSize + mdatSize > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), "A fragment must stay under 2 GiB; cut fragments shorter.");
        }

        var header = output.GetSpan(moofSize + MdatHeaderSize);
        var writer = new Mp4BoxWriter(header);
        var moof = writer.BeginBox("moof"u8);

        var mfhd = writer.BeginFullBox("mfhd"u8, 0, 0); // §8.8.5
        writer.WriteUInt32(sequenceNumber);
        writer.EndBox(mfhd);

        var traf = writer.BeginBox("traf"u8);
        var tfhd = writer.BeginFullBox("tfhd"u8, 0, DefaultBaseIsMoof); // §8.8.7
        writer.WriteUInt32(Mp4InitSegmentWriter.TrackId);
        writer.EndBox(tfhd);

        // tfdt §8.8.12, version 1: a 32-bit time at 90 kHz wraps after 13 hours of recording.
        var tfdt = writer.BeginFullBox("tfdt"u8, 1, 0);
        writer.WriteUInt64(baseMediaDecodeTime);
        writer.EndBox(tfdt);

        // §8.8.8; version 1 makes the composition offsets signed (B-frames are shown before they are decoded).
        var trun = offsets ? writer.BeginFullBox("trun"u8, signed ? (byte)1 : (byte)0, TrunFlags | CompositionOffsetsPresent) : writer.BeginFullBox("trun"u8, 0, TrunFlags);
        writer.WriteUInt32((uint)samples.Length);
        writer.WriteUInt32((uint)(moofSize + MdatHeaderSize)); // data_offset: first sample byte, from the moof start
        duration = 0;
        var previous = lastSampleDuration;
        for (var i = 0; i < samples.Length; i++)
        {
            var sampleDuration = i + 1 < samples.Length
                ? StepOrFallback(samples[i].DecodeTimestamp, samples[i + 1].DecodeTimestamp, previous)
                : lastSampleDuration;
            previous = sampleDuration;
            duration += sampleDuration;
            writer.WriteUInt32(sampleDuration);
            writer.WriteUInt32((uint)samples[i].Data.Length);
            writer.WriteUInt32(samples[i].IsKeyframe ? SyncSampleFlags : NonSyncSampleFlags);
            if (offsets)
            {
                var offset = ClampOffset(samples[i].CompositionOffset + compositionShift);
                writer.WriteUInt32((uint)(signed ? offset : Math.Max(offset, 0)));
            }
        }

        writer.EndBox(trun);
        writer.EndBox(traf);
        writer.EndBox(moof);

        writer.WriteUInt32((uint)mdatSize);
        writer.WriteBytes("mdat"u8);
        output.Advance(writer.Position);
        return (int)(moofSize + mdatSize);
    }

    /// <summary>A composition offset that fits the trun's signed 32 bits (13 hours at 90 kHz: only a broken clock reaches it).</summary>
    private static int ClampOffset(long offset) => (int)Math.Clamp(offset, int.MinValue, int.MaxValue);

    /// <summary>
    /// The step between two timestamps, or <paramref name="fallback"/> when it is not a usable duration
    /// (zero, negative after a camera clock reset, or over 32 bits).
    /// </summary>
    internal static uint StepOrFallback(long current, long next, uint fallback)
    {
        var step = next - current;
        return step is > 0 and <= uint.MaxValue ? (uint)step : fallback;
    }
}
