using System.Text;
using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Tests.Dc09;

public sealed class FrameSplitterTests
{
    private sealed class Collector : Dc09FrameSplitter.IHandler
    {
        public List<string> Frames { get; } = [];

        public List<(int Bytes, string Reason)> Discarded { get; } = [];

        public void OnFrame(ReadOnlySpan<byte> frame) => Frames.Add(Encoding.ASCII.GetString(frame));

        public void OnDiscarded(int bytes, string reason) => Discarded.Add((bytes, reason));
    }

    private static readonly byte[] First = Dc09FrameWriter.Frame("\"NULL\"0001L0#1234[]");
    private static readonly byte[] Second = Dc09FrameWriter.Frame("\"SIA-DCS\"0002L0#1234[#1234|NBA1]");

    [Fact]
    public void Several_frames_in_one_read_with_garbage_between_them()
    {
        var splitter = new Dc09FrameSplitter();
        var collector = new Collector();
        splitter.Push([.. "noise"u8, .. First, .. "\r\n junk \x01"u8.ToArray()[..3], .. Second], collector);

        Assert.Equal(2, collector.Frames.Count);
        Assert.EndsWith("\"NULL\"0001L0#1234[]", collector.Frames[0], StringComparison.Ordinal);
        Assert.NotEmpty(collector.Discarded);
    }

    [Fact]
    public void A_frame_delivered_one_byte_at_a_time_is_whole()
    {
        var splitter = new Dc09FrameSplitter();
        var collector = new Collector();
        foreach (var b in Second)
        {
            splitter.Push([b], collector);
        }

        Assert.Equal(Encoding.ASCII.GetString(Second, 1, Second.Length - 2), Assert.Single(collector.Frames));
        Assert.Empty(collector.Discarded);
    }

    [Fact]
    public void An_oversized_frame_is_discarded_once_and_the_next_frame_still_reads()
    {
        var splitter = new Dc09FrameSplitter(maxFrameBytes: 64);
        var collector = new Collector();
        splitter.Push([Dc09FrameWriter.Lf, .. Enumerable.Repeat((byte)'A', 1000)], collector);
        splitter.Push(Enumerable.Repeat((byte)'A', 100_000).ToArray(), collector);
        Assert.True(splitter.Pending <= 64);
        splitter.Push([Dc09FrameWriter.Cr, .. First], collector);

        Assert.Single(collector.Frames);
        Assert.Contains(collector.Discarded, d => d.Reason.Contains("longer than 64", StringComparison.Ordinal));
        Assert.Single(collector.Discarded, d => d.Reason.Contains("longer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_frame_cut_short_by_a_new_lf_is_dropped_and_the_next_one_reads()
    {
        var splitter = new Dc09FrameSplitter();
        var collector = new Collector();
        splitter.Push([.. Second[..20], .. First], collector);

        Assert.Single(collector.Frames);
        Assert.Contains(collector.Discarded, d => d.Reason.Contains("cut short", StringComparison.Ordinal));
    }
}
