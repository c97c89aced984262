using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

public sealed class RtspMessageReaderTests
{
    /// <summary>STYLE §10: the RTP path allocates nothing per packet (a burst of 1400-byte packets from one read). The reader hands out spans into its pooled buffer.</summary>
    [Fact]
    public async Task Interleaved_frames_are_read_without_allocating_per_packet()
    {
        const int Frames = 20_000;
        var stream = new MemoryStream();
        var packet = new byte[1400];
        for (var i = 0; i < Frames; i++)
        {
            stream.Write([(byte)'$', (byte)(i % 2), (byte)(packet.Length >> 8), (byte)(packet.Length & 0xFF)]);
            stream.Write(packet);
        }

        stream.Position = 0;
        using var deadline = new RtspDeadline(TimeProvider.System, CancellationToken.None);
        using var reader = new RtspMessageReader(stream, deadline, 64 * 1024, 1024);

        // Warm up (JIT, first buffer fill), then measure.
        for (var i = 0; i < 100; i++)
        {
            await reader.ReadAsync(TimeSpan.FromSeconds(5), "test");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        var others = 0;
        for (var i = 100; i < Frames; i++)
        {
            // Armed deadline as in a session; assertions stay out of the loop (xunit's allocate).
            if (await reader.ReadAsync(TimeSpan.FromSeconds(5), "test") != RtspMessageKind.InterleavedFrame)
            {
                others++;
            }

            total += reader.Frame.Length;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, others);
        Assert.Equal((Frames - 100) * 1400L, total);
        // Only refilling the buffer from the stream may allocate (async state machines are classes in
        // Debug builds); packets already buffered cost nothing. Well under one small object per packet.
        Assert.True(allocated / (Frames - 100) < 16, $"{allocated} bytes allocated for {Frames - 100} packets");
    }

    [Fact]
    public async Task Responses_and_frames_interleave_and_blank_lines_between_them_are_skipped()
    {
        var text = "$\u0001\u0000\u0002AB\r\nRTSP/1.0 200 OK\r\nCSeq: 7\r\nContent-Length: 3\r\n\r\nxyz$\u0000\u0000\u0001C";
        var stream = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text));
        using var deadline = new RtspDeadline(TimeProvider.System, CancellationToken.None);
        using var reader = new RtspMessageReader(stream, deadline, 1024, 1024);

        Assert.Equal(RtspMessageKind.InterleavedFrame, await reader.ReadAsync(TimeSpan.FromSeconds(1), "test"));
        Assert.Equal(1, reader.FrameChannel);
        Assert.Equal("AB"u8.ToArray(), reader.Frame.ToArray());
        Assert.Equal(RtspMessageKind.Response, await reader.ReadAsync(TimeSpan.FromSeconds(1), "test"));
        Assert.Equal(7, reader.Response!.CSeq);
        Assert.Equal("xyz"u8.ToArray(), reader.Response.Body);
        Assert.Equal(RtspMessageKind.InterleavedFrame, await reader.ReadAsync(TimeSpan.FromSeconds(1), "test"));
        Assert.Equal("C"u8.ToArray(), reader.Frame.ToArray());
        var end = await Assert.ThrowsAsync<RtspException>(async () => await reader.ReadAsync(TimeSpan.FromSeconds(1), "test"));
        Assert.Contains("closed the connection", end.Message, StringComparison.Ordinal);
    }
}
