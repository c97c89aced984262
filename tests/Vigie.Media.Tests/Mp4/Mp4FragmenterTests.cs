using System.Buffers.Binary;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Mp4;

public sealed class Mp4FragmenterTests(EncodedClips clips)
{
    [Fact]
    public async Task Frames_before_the_first_keyframe_are_dropped_and_the_segment_starts_on_a_keyframe()
    {
        var units = await UnitsAsync();
        var sink = new RecordingSink();
        using (var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), sink))
        {
            foreach (var unit in units.Skip(3))
            {
                fragmenter.Push(unit);
            }

            fragmenter.Flush();
            Assert.Equal(22, fragmenter.DroppedUnits); // the rest of the first GOP
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.Equal(1, sink.Inits);
        Assert.All(sink.Fragments, f => Assert.True(f.StartsWithKeyframe));
        Assert.Equal(75, sink.Fragments.Sum(f => f.SampleCount));
    }

    [Fact]
    public async Task Fragments_are_contiguous_and_their_decode_times_follow_the_timestamps()
    {
        var units = await UnitsAsync();
        var sink = new RecordingSink();
        long segmentLength;
        using (var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), sink))
        {
            foreach (var unit in units)
            {
                fragmenter.Push(unit);
            }

            fragmenter.Flush();
            segmentLength = fragmenter.SegmentLength;
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.Equal(sink.InitLength, sink.Fragments[0].StartOffset);
        for (var i = 1; i < sink.Fragments.Count; i++)
        {
            Assert.Equal(sink.Fragments[i - 1].EndOffset, sink.Fragments[i].StartOffset);
            Assert.Equal(sink.Fragments[i - 1].BaseMediaDecodeTime + sink.Fragments[i - 1].Duration, sink.Fragments[i].BaseMediaDecodeTime);
            Assert.Equal((ulong)(sink.Fragments[i].FirstDecodeTimestamp - sink.Fragments[0].FirstDecodeTimestamp), sink.Fragments[i].BaseMediaDecodeTime);
            Assert.Equal((uint)i + 1, sink.Fragments[i].SequenceNumber);
        }

        Assert.Equal(sink.Fragments[^1].EndOffset, segmentLength);
        Assert.Equal(100ul * 3600, sink.Fragments.Aggregate(0ul, (sum, f) => sum + f.Duration));
    }

    [Fact]
    public async Task A_requested_new_segment_starts_at_the_next_keyframe_with_a_new_init()
    {
        var units = await UnitsAsync();
        var sink = new RecordingSink();
        using (var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), sink))
        {
            for (var i = 0; i < units.Count; i++)
            {
                if (i == 30)
                {
                    fragmenter.RequestNewSegment();
                }

                fragmenter.Push(units[i]);
            }

            fragmenter.Flush();
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.Equal(2, sink.Inits);
        var firstOfSecond = sink.Segments.IndexOf(2);
        Assert.Equal(50, sink.Fragments.Take(firstOfSecond).Sum(f => f.SampleCount)); // frames 0..49
        Assert.Equal(0ul, sink.Fragments[firstOfSecond].BaseMediaDecodeTime);
        Assert.True(sink.Fragments[firstOfSecond].StartsWithKeyframe);
    }

    [Fact]
    public async Task The_trun_flags_mark_keyframes_as_sync_samples_and_others_as_dependent()
    {
        var units = await UnitsAsync();
        var output = new PooledBufferWriter();
        var fragment = units.Take(25).ToArray();

        var size = Mp4FragmentWriter.Write(output, 7, 1_000, fragment, 3600, out var duration);

        var bytes = output.WrittenSpan;
        Assert.Equal(size, bytes.Length);
        Assert.Equal(25ul * 3600, duration);
        var trun = bytes.IndexOf("trun"u8) - 4;
        Assert.Equal(25u, BinaryPrimitives.ReadUInt32BigEndian(bytes[(trun + 12)..]));
        var dataOffset = BinaryPrimitives.ReadInt32BigEndian(bytes[(trun + 16)..]);
        Assert.Equal("mdat"u8.ToArray(), bytes.Slice(dataOffset - 4, 4).ToArray());
        Assert.True(bytes[dataOffset..].SequenceEqual(fragment.SelectMany(u => u.Data.ToArray()).ToArray()));
        for (var i = 0; i < 25; i++)
        {
            var flags = BinaryPrimitives.ReadUInt32BigEndian(bytes[(trun + 20 + (12 * i) + 8)..]);
            Assert.Equal(i == 0 ? 0x02000000u : 0x01010000u, flags);
        }

        output.Dispose();
        AnnexBTestSplitter.ReleaseAll(units);
    }

    [Fact]
    public void A_timestamp_that_goes_backwards_reuses_the_previous_duration()
    {
        Assert.Equal(3600u, Mp4FragmentWriter.StepOrFallback(10_000, 13_600, 1));
        Assert.Equal(3000u, Mp4FragmentWriter.StepOrFallback(10_000, 5_000, 3000));
        Assert.Equal(3000u, Mp4FragmentWriter.StepOrFallback(10_000, 10_000, 3000));
    }

    private async Task<List<AccessUnit>> UnitsAsync() =>
        AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, 4), VideoCodec.H264, firstTimestamp: 5_000_000);

    private sealed class RecordingSink : IMp4FragmentSink
    {
        public int Inits { get; private set; }

        public long InitLength { get; private set; }

        public List<Mp4FragmentInfo> Fragments { get; } = [];

        /// <summary>For each fragment, the 1-based segment it belongs to.</summary>
        public List<int> Segments { get; } = [];

        public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters)
        {
            Inits++;
            InitLength = initSegment.Length;
        }

        public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info)
        {
            Assert.Equal(info.EndOffset - info.StartOffset, fragment.Length);
            Fragments.Add(info);
            Segments.Add(Inits);
        }
    }
}
