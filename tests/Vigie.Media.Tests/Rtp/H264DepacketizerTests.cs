using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class H264DepacketizerTests : IDisposable
{
    private readonly CollectingSink _sink = new();
    private readonly H264Depacketizer _depacketizer;
    private readonly PacketFeed _feed;

    public H264DepacketizerTests()
    {
        _depacketizer = new H264Depacketizer(TestPackets.NoH264Sets, _sink, new DepacketizerOptions { PayloadType = TestPackets.PayloadType });
        _feed = new PacketFeed(_depacketizer);
    }

    public void Dispose() => _depacketizer.Dispose();

    [Fact]
    public void A_stap_a_with_sps_pps_and_an_idr_slice_gives_a_keyframe_whose_data_holds_only_the_slice()
    {
        var idr = TestPackets.H264Slice(idr: true, 30);

        _feed.Send(3000, marker: false, TestPackets.H264Aud);
        _feed.Send(3000, marker: true, TestPackets.Aggregate([0x18], TestPackets.H264Sps, TestPackets.H264Pps, idr));

        var unit = Assert.Single(_sink.Units);
        Assert.True(unit.IsKeyframe);
        Assert.Equal(idr, Assert.Single(unit.NalUnits));
        Assert.Equal(TestPackets.H264Sps, Assert.Single(unit.Parameters.Sps));
        Assert.Equal(TestPackets.H264Pps, Assert.Single(unit.Parameters.Pps));
        Assert.Equal(3000, unit.Timestamp);
        Assert.Equal(1, _depacketizer.Statistics.Keyframes);
    }

    [Fact]
    public void A_frame_whose_marker_never_comes_is_closed_by_the_next_timestamp()
    {
        var first = TestPackets.H264Slice(idr: false, 20, seed: 1);
        _feed.Send(0, marker: false, first);
        var second = _feed.SendGoodFrame(3600);

        Assert.Equal(2, _sink.Units.Count);
        Assert.Equal(first, Assert.Single(_sink.Units[0].NalUnits));
        Assert.Equal(second, Assert.Single(_sink.Units[1].NalUnits));
    }

    [Fact]
    public void Slices_of_one_picture_in_several_packets_make_one_access_unit()
    {
        var top = TestPackets.H264Slice(idr: true, 20, seed: 1);
        var bottom = TestPackets.H264Slice(idr: true, 2000, seed: 2);
        _feed.Send(0, marker: false, top);
        _feed.SendFragmented(0, bottom, fragments: 3);

        var unit = Assert.Single(_sink.Units);
        Assert.Equal([top, bottom], unit.NalUnits);
    }

    [Fact]
    public void A_fu_a_whose_end_never_comes_is_dropped_and_the_next_frame_decodes()
    {
        var parts = TestPackets.FuA(TestPackets.H264Slice(idr: true, 3000), 3);
        _feed.Send(0, marker: false, parts[0]);
        _feed.Send(0, marker: false, parts[1]);
        var good = _feed.SendGoodFrame(3600);

        AssertDroppedOnce(FrameDropReason.FragmentWithoutEnd);
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void A_fu_a_without_its_start_fragment_is_dropped_and_the_next_frame_decodes()
    {
        var parts = TestPackets.FuA(TestPackets.H264Slice(idr: false, 3000), 3);
        _feed.Send(0, marker: false, parts[1]);
        _feed.Send(0, marker: true, parts[2]);
        var good = _feed.SendGoodFrame(3600);

        AssertDroppedOnce(FrameDropReason.FragmentWithoutStart);
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void A_sequence_gap_inside_a_fragmented_nal_unit_drops_the_frame_and_counts_the_loss()
    {
        var parts = TestPackets.FuA(TestPackets.H264Slice(idr: true, 5000), 5);
        _feed.Send(0, marker: false, parts[0]);
        _feed.Send(0, marker: false, parts[1]);
        _feed.Lose(2);
        _feed.Send(0, marker: true, parts[4]);
        var good = _feed.SendGoodFrame(3600);

        AssertDroppedOnce(FrameDropReason.PacketLoss);
        Assert.Equal(2, _depacketizer.Statistics.LostPackets);
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void A_nal_unit_larger_than_the_cap_drops_its_frame_once_and_the_next_frame_decodes()
    {
        using var capped = new H264Depacketizer(TestPackets.NoH264Sets, _sink, new DepacketizerOptions { PayloadType = 96, MaxFrameBytes = 10_000 });
        var feed = new PacketFeed(capped);

        feed.SendFragmented(0, TestPackets.H264Slice(idr: true, 50_000), fragments: 40);
        var good = feed.SendGoodFrame(3600);

        Assert.Equal(1, capped.Statistics.DroppedFrames);
        Assert.Equal(1, capped.Statistics.DroppedFor(FrameDropReason.FrameTooLarge));
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void Packets_of_another_payload_type_are_ignored_and_counted()
    {
        _feed.Send(0, marker: false, TestPackets.H264Slice(idr: false, 20), payloadType: 97);
        var good = _feed.SendGoodFrame(3600);

        Assert.Equal(1, _depacketizer.Statistics.WrongPayloadTypePackets);
        Assert.Equal(0, _depacketizer.Statistics.DroppedFrames);
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void A_zero_length_payload_drops_its_frame_and_the_next_frame_decodes()
    {
        _feed.Send(0, marker: true, []);
        var good = _feed.SendGoodFrame(3600);

        AssertDroppedOnce(FrameDropReason.MalformedPayload);
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void A_stap_a_whose_sizes_run_past_the_packet_drops_its_frame()
    {
        _feed.Send(0, marker: true, [0x18, 0x00, 0x05, 0x67, 0x42]);
        var good = _feed.SendGoodFrame(3600);

        AssertDroppedOnce(FrameDropReason.MalformedPayload);
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void Garbage_datagrams_never_throw_and_the_next_good_frame_decodes()
    {
        var random = new Random(7);
        var buffer = new byte[300];
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            _depacketizer.PushRtp(buffer.AsSpan(0, length), TestPackets.Arrival);

            // Valid RTP headers around random payloads reach the H.264 parsing itself.
            _feed.Send((uint)random.Next(4) * 3600, random.Next(3) == 0, buffer.AsSpan(0, length));
        }

        var good = _feed.SendGoodFrame(1_000_000);

        Assert.True(_depacketizer.Statistics.MalformedPackets > 0);
        Assert.True(_depacketizer.Statistics.DroppedFrames > 0);
        Assert.Equal(good, Assert.Single(_sink.Units[^1].NalUnits));
    }

    [Fact]
    public void A_duplicated_packet_is_ignored_and_the_frame_stays_whole()
    {
        var nal = TestPackets.H264Slice(idr: true, 3000);
        var parts = TestPackets.FuA(nal, 3);
        _feed.Send(0, marker: false, parts[0]);
        _feed.Send(0, marker: false, parts[1]);
        _feed.NextSequence--;
        _feed.Send(0, marker: false, parts[1]);
        _feed.Send(0, marker: true, parts[2]);

        Assert.Equal(nal, Assert.Single(Assert.Single(_sink.Units).NalUnits));
        Assert.Equal(1, _depacketizer.Statistics.DuplicateOrLatePackets);
    }

    [Fact]
    public void A_new_ssrc_mid_frame_drops_the_frame_and_starts_over()
    {
        var parts = TestPackets.FuA(TestPackets.H264Slice(idr: true, 3000), 3);
        _feed.Send(0, marker: false, parts[0]);
        _feed.NextSequence = 40_000;
        _feed.Send(90_000, marker: true, TestPackets.H264Slice(idr: false, 20), ssrc: 0x1111);

        AssertDroppedOnce(FrameDropReason.SourceChanged);
        Assert.Single(_sink.Units);
    }

    [Fact]
    public void Interleaved_mode_structures_are_ignored_and_counted()
    {
        _feed.Send(0, marker: false, [0x19, 0x00, 0x00, 0x00, 0x02, 0x41, 0x88]);
        _feed.SendGoodFrame(0);

        Assert.Equal(1, _depacketizer.Statistics.IgnoredPackets);
        Assert.Single(_sink.Units);
    }

    [Fact]
    public void Wall_clock_is_unknown_until_a_sender_report_then_follows_it()
    {
        var noon = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        _feed.SendGoodFrame(uint.MaxValue - 3599);
        var report = new byte[28];
        RtcpReader.WriteSenderReport(new RtcpSenderReport(TestPackets.Ssrc, NtpTime.FromDateTimeOffset(noon), uint.MaxValue - 3599, 1, 40), report);
        _depacketizer.PushRtcp(report);
        _feed.SendGoodFrame(86_400);

        Assert.Null(_sink.Units[0].WallClock);
        Assert.True(_depacketizer.IsWallClockSynchronised);
        Assert.Equal(noon.AddSeconds(1), _sink.Units[1].WallClock);
        Assert.Equal((long)uint.MaxValue + 1 + 86_400, _sink.Units[1].Timestamp);
    }

    [Fact]
    public void A_sender_report_from_another_source_is_ignored()
    {
        _feed.SendGoodFrame(0);
        var report = new byte[28];
        RtcpReader.WriteSenderReport(new RtcpSenderReport(0x0BAD, NtpTime.FromDateTimeOffset(TestPackets.Arrival), 0, 1, 40), report);

        _depacketizer.PushRtcp(report);

        Assert.False(_depacketizer.IsWallClockSynchronised);
    }

    private void AssertDroppedOnce(FrameDropReason reason)
    {
        Assert.Equal(1, _depacketizer.Statistics.DroppedFrames);
        Assert.Equal(1, _depacketizer.Statistics.DroppedFor(reason));
        Assert.Equal(reason, _depacketizer.Statistics.LastDropReason);
    }
}
