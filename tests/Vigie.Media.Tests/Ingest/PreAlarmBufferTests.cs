using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Ingest;

public sealed class PreAlarmBufferTests
{
    [Fact]
    public void Keeps_at_least_the_window_and_always_starts_at_a_keyframe()
    {
        using var buffer = new PreAlarmBuffer(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 250; i++)
        {
            var frame = TestUnits.Frame(i);
            buffer.OnAccessUnit(frame);
            frame.Release();
        }

        var clip = buffer.TakeClip();
        try
        {
            Assert.True(clip[0].IsKeyframe);
            var covered = (clip[^1].Timestamp - clip[0].Timestamp) / 90_000.0;
            Assert.InRange(covered, 2.0, 3.0);
            Assert.Equal(249 * 3600L, clip[^1].Timestamp);
        }
        finally
        {
            foreach (var unit in clip)
            {
                unit.Release();
            }
        }
    }

    [Fact]
    public void Frames_before_the_first_keyframe_are_not_kept()
    {
        using var buffer = new PreAlarmBuffer();
        for (var i = 1; i < 25; i++)
        {
            var frame = TestUnits.Frame(i);
            buffer.OnAccessUnit(frame);
            frame.Release();
        }

        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void A_clip_outlives_the_buffer_until_released()
    {
        var buffer = new PreAlarmBuffer();
        var frame = TestUnits.Frame(0);
        buffer.OnAccessUnit(frame);
        frame.Release();
        var clip = buffer.TakeClip();
        buffer.Dispose();

        Assert.Equal(0x65, clip[0].Data.Span[4]);
        clip[0].Release();
        Assert.Throws<ObjectDisposedException>(() => clip[0].Data);
    }
}
