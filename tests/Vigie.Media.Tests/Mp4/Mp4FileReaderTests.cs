using System.Buffers.Binary;
using Vigie.Media.Codecs;
using Vigie.Media.Mp4;
using Vigie.Media.Playback;
using Vigie.Media.Recording;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Mp4;

/// <summary>The one MP4 reader, on real segments written by the fragmenter, then cut, padded and corrupted.</summary>
public sealed class Mp4FileReaderTests(EncodedClips clips) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigie-mp4-reader-").FullName;

    [Fact]
    public async Task A_whole_segment_reads_with_its_track_fragments_and_samples()
    {
        var (bytes, fragments) = await SegmentAsync();

        var layout = Mp4FileReader.Read(new MemoryStream(bytes));

        Assert.Null(layout.DamagedAt);
        Assert.Equal(bytes.Length, layout.CompleteLength);
        Assert.Equal((VideoCodec.H264, 640, 360), (layout.Init!.Codec, layout.Init.Width, layout.Init.Height));
        Assert.Equal(fragments.Select(f => (f.StartOffset, f.SampleCount)), layout.Fragments.Select(f => (f.Offset, f.Samples.Count)));
        Assert.All(layout.Fragments, f => Assert.True(f.StartsWithKeyframe));
        Assert.Equal(3600u, layout.Fragments[0].Samples[0].Duration);
        Assert.All(layout.Fragments.SelectMany(f => f.Samples), s => Assert.Equal(0, s.CompositionOffset));
    }

    [Fact]
    public async Task Zeros_left_by_a_lost_page_after_the_last_fragment_are_cut_off()
    {
        var (bytes, fragments) = await SegmentAsync();
        byte[] file = [.. bytes, .. new byte[4096]];

        var result = Mp4TornFileScanner.Scan(new MemoryStream(file));

        Assert.Equal((bytes.Length, fragments.Count), (result.CompleteLength, result.FragmentCount));
        Assert.True(result.IsTorn);
        Assert.True(result.IsPlayable);
        Assert.Equal($"damaged at byte {bytes.Length}: box header cut, of size 0, unprintable, or running past the end of the file", result.Damage);
    }

    [Fact]
    public async Task A_moof_without_its_mdat_is_not_a_complete_fragment()
    {
        var (bytes, fragments) = await SegmentAsync();
        var file = bytes[..(int)(fragments[0].StartOffset + Mp4FragmentWriter.MoofSize(fragments[0].SampleCount))];

        var result = Mp4TornFileScanner.Scan(new MemoryStream(file));

        Assert.Equal(fragments[0].StartOffset, result.CompleteLength);
        Assert.Equal(fragments[0].StartOffset, result.InitSegmentLength);
        Assert.False(result.IsPlayable);
        Assert.StartsWith($"damaged at byte {fragments[0].StartOffset}: moof not followed by a complete mdat", result.Damage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_complete_moov_keeps_nothing()
    {
        var (bytes, fragments) = await SegmentAsync();

        var result = Mp4TornFileScanner.Scan(new MemoryStream(bytes[..(int)(fragments[0].StartOffset - 10)]));

        Assert.Equal((0L, 0L), (result.CompleteLength, result.InitSegmentLength));
        Assert.False(result.IsPlayable);
    }

    [Fact]
    public async Task A_64_bit_mdat_size_is_followed()
    {
        var (bytes, fragments) = await SegmentAsync();
        var first = fragments[0];
        var moofSize = Mp4FragmentWriter.MoofSize(first.SampleCount);
        var moof = bytes[(int)first.StartOffset..(int)(first.StartOffset + moofSize)];
        var payload = bytes[(int)(first.StartOffset + moofSize + 8)..(int)first.EndOffset];
        // The samples now start 8 bytes later: the trun's data_offset (after its version/flags and count) follows.
        var trun = Mp4BoxReader.FindPath(moof, Mp4FourCc.Moof, Mp4FourCc.Traf, Mp4FourCc.Trun)!.Value;
        var dataOffset = moof.AsSpan(trun.Body + 8);
        BinaryPrimitives.WriteInt32BigEndian(dataOffset, BinaryPrimitives.ReadInt32BigEndian(dataOffset) + 8);
        var large = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(large, 1);
        "mdat"u8.CopyTo(large.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(large.AsSpan(8), (ulong)(16 + payload.Length));
        byte[] file = [.. bytes[..(int)first.StartOffset], .. moof, .. large, .. payload];

        var layout = Mp4FileReader.Read(new MemoryStream(file));

        Assert.Null(layout.DamagedAt);
        var fragment = Assert.Single(layout.Fragments);
        Assert.Equal(first.StartOffset + moofSize + 16, fragment.Samples[0].FileOffset);
    }

    [Fact]
    public async Task A_file_that_is_not_a_recording_is_refused_naming_the_byte_at_fault()
    {
        var (bytes, fragments) = await SegmentAsync();
        var path = Path.Combine(_directory, "no-moov.mp4");
        await File.WriteAllBytesAsync(path, bytes[(int)fragments[0].StartOffset..], TestContext.Current.CancellationToken);

        var error = Assert.Throws<InvalidDataException>(() => RecordedSegmentFile.Read(path));

        Assert.Contains("damaged at byte 0: moof before any moov", error.Message, StringComparison.Ordinal);
        Assert.Null(SegmentFileInfo.TryRead(path));
    }

    [Fact]
    public async Task A_file_cut_at_every_byte_reads_its_complete_fragments_and_never_throws()
    {
        var (bytes, fragments) = await SegmentAsync();
        var init = fragments[0].StartOffset;
        for (var length = 0; length <= bytes.Length; length += length < init + 200 ? 1 : 97)
        {
            var layout = Mp4FileReader.Read(new MemoryStream(bytes[..length]));

            var whole = fragments.Count(f => f.EndOffset <= length);
            Assert.Equal(whole, layout.Fragments.Count);
            Assert.Equal(whole > 0 ? fragments[whole - 1].EndOffset : length >= init ? init : 0, layout.CompleteLength);
            Assert.Equal(layout.CompleteLength < length || layout.Init is null, layout.DamagedAt is not null);
            if (layout.DamagedAt is { } at)
            {
                Assert.InRange(at, layout.CompleteLength, length);
                Assert.StartsWith($"damaged at byte {at}: ", layout.DamageDescription, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Corrupted_bytes_never_make_the_reader_throw_and_what_it_keeps_lies_in_the_file()
    {
        var (bytes, _) = await SegmentAsync();
        var random = new Random(20261205);
        for (var run = 0; run < 3000; run++)
        {
            var file = (byte[])bytes.Clone();
            var flips = 1 + random.Next(8);
            for (var i = 0; i < flips; i++)
            {
                // Box headers and moofs are where damage changes what is read: hit them often.
                var position = random.Next(3) == 0 ? random.Next(file.Length) : random.Next(Math.Min(file.Length, 2048));
                file[position] = random.Next(4) == 0 ? (byte)0 : (byte)random.Next(256);
            }

            var layout = Mp4FileReader.Read(new MemoryStream(file));

            Assert.InRange(layout.CompleteLength, 0, file.Length);
            Assert.All(layout.Fragments.SelectMany(f => f.Samples), s => Assert.InRange(s.FileOffset + s.Size, 0, layout.CompleteLength));
            Assert.True(layout.DamagedAt is null || layout.DamageDescription!.StartsWith($"damaged at byte {layout.DamagedAt}: ", StringComparison.Ordinal));
            var path = Path.Combine(_directory, "corrupt.mp4");
            await File.WriteAllBytesAsync(path, file, TestContext.Current.CancellationToken);
            try
            {
                RecordedSegmentFile.Read(path);
            }
            catch (InvalidDataException)
            {
                // The one exception a caller has to expect: the file has no usable init segment.
            }

            SegmentFileInfo.TryRead(path);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(byte[] Bytes, List<Mp4FragmentInfo> Fragments)> SegmentAsync()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, 3), VideoCodec.H264, firstTimestamp: 90_000);
        var folder = Directory.CreateDirectory(Path.Combine(_directory, Guid.NewGuid().ToString("N"))).FullName;
        using (var sink = new SegmentFileSink(folder))
        {
            using (var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), sink))
            {
                foreach (var unit in units)
                {
                    fragmenter.Push(unit);
                }

                fragmenter.Flush();
            }

            AnnexBTestSplitter.ReleaseAll(units);
            sink.Dispose();
            return (await File.ReadAllBytesAsync(Assert.Single(sink.Files), TestContext.Current.CancellationToken), sink.Fragments[0]);
        }
    }
}
