using Vigie.Media.Ingest;
using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class FrameBufferTests
{
    [Fact]
    public void An_inter_frame_holds_an_array_at_most_twice_its_size_after_a_keyframe()
    {
        using var frame = new FrameBuffer(1 << 20);
        // An inter frame, a 60 kB keyframe, then 8 kB inter frames: each starts with room for the last inter frame.
        Assert.True(frame.TryAppend(new byte[8_000]));
        FrameBufferPool.Instance.Return(frame.Detach(isKeyframe: false, out _));
        Assert.True(frame.TryAppend(new byte[60_000]));
        FrameBufferPool.Instance.Return(frame.Detach(isKeyframe: true, out _));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(frame.TryAppend(new byte[8_000]));
            var array = frame.Detach(isKeyframe: false, out var length);
            Assert.Equal(8_000, length);
            Assert.InRange(array.Length, 8_000, 16_000);
            FrameBufferPool.Instance.Return(array);
        }
    }

    [Fact]
    public void A_frame_larger_than_the_last_one_grows_and_keeps_its_bytes()
    {
        using var frame = new FrameBuffer(1 << 20);
        Assert.True(frame.TryAppend(new byte[2_000]));
        FrameBufferPool.Instance.Return(frame.Detach(isKeyframe: false, out _));
        var bytes = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();
        Assert.True(frame.TryAppend(bytes.AsSpan(0, 1_000)));
        Assert.True(frame.TryAppend(bytes.AsSpan(1_000)));
        var array = frame.Detach(isKeyframe: true, out var length);
        Assert.Equal(bytes, array.AsSpan(0, length).ToArray());
        FrameBufferPool.Instance.Return(array);
    }

    [Fact]
    public void A_frame_over_the_cap_is_refused()
    {
        using var frame = new FrameBuffer(10_000);
        Assert.True(frame.TryAppend(new byte[9_000]));
        Assert.False(frame.TryAppend(new byte[2_000]));
        Assert.Equal(9_000, frame.Length);
    }
}
