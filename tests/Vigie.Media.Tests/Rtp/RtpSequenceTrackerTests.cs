using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class RtpSequenceTrackerTests
{
    [Fact]
    public void Sequence_numbers_are_extended_across_the_16_bit_wrap()
    {
        var tracker = new RtpSequenceTracker();
        foreach (var sequence in (ushort[])[65_534, 65_535, 0, 1])
        {
            Assert.Equal(SequenceVerdict.InOrder, tracker.Track(sequence));
        }

        Assert.Equal(65_536 + 1, tracker.ExtendedHighest);
        Assert.Equal(0, tracker.TotalLost);
    }

    [Fact]
    public void A_gap_reports_how_many_packets_were_lost_even_across_the_wrap()
    {
        var tracker = new RtpSequenceTracker();
        tracker.Track(65_533);

        Assert.Equal(SequenceVerdict.Gap, tracker.Track(2));

        Assert.Equal(4, tracker.LastLost);
        Assert.Equal(4, tracker.TotalLost);
    }

    [Fact]
    public void Duplicates_and_late_packets_are_ignored_without_moving_the_state()
    {
        var tracker = new RtpSequenceTracker();
        tracker.Track(100);
        tracker.Track(101);

        Assert.Equal(SequenceVerdict.DuplicateOrLate, tracker.Track(101));
        Assert.Equal(SequenceVerdict.DuplicateOrLate, tracker.Track(60));
        Assert.Equal(SequenceVerdict.InOrder, tracker.Track(102));
        Assert.Equal(102, tracker.ExtendedHighest);
        Assert.Equal(0, tracker.TotalLost);
    }

    [Fact]
    public void A_single_wild_sequence_number_is_ignored_but_a_confirmed_jump_restarts_the_numbering()
    {
        var tracker = new RtpSequenceTracker();
        tracker.Track(10);

        Assert.Equal(SequenceVerdict.Probation, tracker.Track(40_000));
        Assert.Equal(SequenceVerdict.InOrder, tracker.Track(11));
        Assert.Equal(SequenceVerdict.Probation, tracker.Track(30_000));
        Assert.Equal(SequenceVerdict.Restarted, tracker.Track(30_001));
        Assert.Equal(30_001, tracker.ExtendedHighest);
        Assert.Equal(0, tracker.TotalLost);
    }
}
