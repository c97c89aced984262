using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Tests.Dc09;

/// <summary>The DC-09 time stamp <c>_HH:MM:SS,MM-DD-YYYY</c>, written and read by hand on the hot path.</summary>
public sealed class TimestampTests
{
    [Fact]
    public void A_time_stamp_is_written_in_utc_and_read_back()
    {
        var time = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(1));

        var text = Dc09Timestamp.Write(time);

        Assert.Equal("_03:05:06,02-03-2026", text);
        Assert.True(Dc09Timestamp.TryParse(text, out var read));
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 3, 5, 6, TimeSpan.Zero), read);
    }

    [Theory]
    [InlineData("_24:00:00,01-01-2026")]
    [InlineData("_12:60:00,01-01-2026")]
    [InlineData("_12:00:60,01-01-2026")]
    [InlineData("_12:00:00,13-01-2026")]
    [InlineData("_12:00:00,02-30-2026")]
    [InlineData("_12:00:00,00-10-2026")]
    [InlineData("_12:00:00,01-00-2026")]
    [InlineData("_12:00:00,01-01-0000")]
    [InlineData("_1a:00:00,01-01-2026")]
    [InlineData("_12-00:00,01-01-2026")]
    [InlineData("12:00:00,01-01-2026X")]
    [InlineData("_12:00:00,01-01-26")]
    public void An_impossible_or_malformed_time_stamp_is_refused(string text) =>
        Assert.False(Dc09Timestamp.TryParse(text, out _));

    [Fact]
    public void The_29th_of_february_is_read_in_a_leap_year_only()
    {
        Assert.True(Dc09Timestamp.TryParse("_00:00:00,02-29-2028", out _));
        Assert.False(Dc09Timestamp.TryParse("_00:00:00,02-29-2027", out _));
    }
}
