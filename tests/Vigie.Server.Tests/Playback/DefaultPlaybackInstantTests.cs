using Vigie.Server.Playback;

namespace Vigie.Server.Tests.Playback;

public sealed class DefaultPlaybackInstantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static RecordedRangeDto Range(DateTimeOffset? first, DateTimeOffset? last) => new(Guid.NewGuid(), first, last);

    [Fact]
    public void An_instant_within_the_recordings_is_kept()
    {
        var wished = Now.AddMinutes(-5);

        Assert.Equal(wished, DefaultPlaybackInstant.Choose(wished, [Range(Now.AddDays(-2), Now.AddSeconds(-1))]));
    }

    [Fact]
    public void An_instant_before_every_recording_moves_to_the_first_one_of_any_camera()
    {
        // A fresh installation: the cameras started recording a minute ago, not five.
        var first = Now.AddSeconds(-70);

        Assert.Equal(first, DefaultPlaybackInstant.Choose(Now.AddMinutes(-5), [Range(Now.AddSeconds(-40), Now), Range(first, Now.AddSeconds(-2)), Range(null, null)]));
    }

    [Fact]
    public void An_instant_after_every_recording_moves_to_the_start_of_the_last_recorded_minute()
    {
        var last = Now.AddHours(-3);

        Assert.Equal(last.AddMinutes(-1), DefaultPlaybackInstant.Choose(Now.AddMinutes(-5), [Range(Now.AddDays(-1), last), Range(Now.AddDays(-1), last.AddHours(-1))]));
    }

    [Fact]
    public void A_last_recording_shorter_than_a_minute_plays_from_its_start()
    {
        var first = Now.AddHours(-3);

        Assert.Equal(first, DefaultPlaybackInstant.Choose(Now.AddMinutes(-5), [Range(first, first.AddSeconds(20))]));
    }

    [Fact]
    public void Without_any_recording_the_instant_wished_for_stays()
    {
        var wished = Now.AddMinutes(-5);

        Assert.Equal(wished, DefaultPlaybackInstant.Choose(wished, [Range(null, null)]));
        Assert.Equal(wished, DefaultPlaybackInstant.Choose(wished, []));
    }
}
