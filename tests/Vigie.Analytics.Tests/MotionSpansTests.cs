using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Tests;

/// <summary>Frame-by-frame motion (5 per second) into the spans the playback timeline shows.</summary>
public sealed class MotionSpansTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static List<MotionSpan> Run(MotionSpans spans, Func<int, double> level, int frames)
    {
        var found = new List<MotionSpan>();
        for (var i = 0; i < frames; i++)
        {
            if (spans.Add(T0.AddSeconds(i * 0.2), level(i) > 0, level(i)) is { } span)
            {
                found.Add(span);
            }
        }

        if (spans.Flush() is { } last)
        {
            found.Add(last);
        }

        return found;
    }

    [Fact]
    public void Two_passages_with_a_short_pause_inside_the_first_give_two_spans_from_first_to_last_moving_frame()
    {
        // Moving 2 s to 6 s with a 1 s pause at 4 s; still; moving again 20 s to 22 s.
        static double Level(int i) => i switch
        {
            >= 10 and < 20 => 0.05,
            >= 25 and <= 30 => 0.08,
            >= 100 and <= 110 => 0.02,
            _ => 0,
        };

        var spans = Run(new MotionSpans(), Level, 200);
        Assert.Equal(2, spans.Count);
        Assert.Equal((T0.AddSeconds(2), T0.AddSeconds(6), 0.08), (spans[0].Start, spans[0].End, spans[0].Peak));
        Assert.Equal((T0.AddSeconds(20), T0.AddSeconds(22), 0.02), (spans[1].Start, spans[1].End, spans[1].Peak));
    }

    [Fact]
    public void A_single_moving_frame_is_noise_and_a_still_picture_gives_nothing()
    {
        Assert.Empty(Run(new MotionSpans(), i => i == 50 ? 0.3 : 0, 200));
        Assert.Empty(Run(new MotionSpans(), _ => 0, 200));
    }

    [Fact]
    public void Continuous_motion_is_cut_every_minute_so_the_timeline_shows_it_while_it_lasts()
    {
        var spans = new MotionSpans();
        var closed = new List<MotionSpan>();
        for (var i = 0; i < 5 * 150; i++)
        {
            if (spans.Add(T0.AddSeconds(i * 0.2), true, 0.1) is { } span)
            {
                closed.Add(span);
            }
        }

        // 150 s of motion: two full minutes closed while it goes on, the rest still open.
        Assert.Equal(2, closed.Count);
        Assert.All(closed, s => Assert.InRange((s.End - s.Start).TotalSeconds, 59.7, 60));
        Assert.Equal(T0.AddSeconds(60), closed[1].Start);
        var rest = spans.Flush();
        Assert.NotNull(rest);
        Assert.Equal(T0.AddSeconds(120), rest.Value.Start);
    }
}
