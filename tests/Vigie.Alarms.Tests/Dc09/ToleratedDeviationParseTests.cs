using System.Text;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Payloads;

namespace Vigie.Alarms.Tests.Dc09;

/// <summary>What the parser and the DC-03 codec read in spite of a tolerated deviation, and what they say about it.</summary>
public sealed class ToleratedDeviationParseTests
{
    private const string Time = "_14:12:04,09-25-2019";

    private static Dc09Frame Parse(byte[] wire)
    {
        var result = Dc09Parser.Parse(wire.AsSpan(1, wire.Length - 2), _ => null);
        Assert.True(result.Ok, $"{result.Error}: {result.Detail}");
        return result.Frame!;
    }

    [Theory]
    [InlineData("\"SIA-DCS\"0001#1234[#1234|NBA1]" + Time, null, null, Dc09Deviations.LineMissing)]
    [InlineData("\"SIA-DCS\"0001R12#1234[#1234|NBA1]" + Time, "12", null, Dc09Deviations.LineMissing)]
    [InlineData("\"SIA-DCS\"0001L#1234[#1234|NBA1]" + Time, null, "", Dc09Deviations.LineEmpty)]
    [InlineData("\"SIA-DCS\"0001RF3L#1234[#1234|NBA1]" + Time, "F3", "", Dc09Deviations.LineEmpty)]
    [InlineData("\"SIA-DCS\"0001L0#1234[#1234|NBA1]", null, "0", Dc09Deviations.NoTimestamp)]
    [InlineData("\"SIA-DCS\"0001#1234[]", null, null, Dc09Deviations.LineMissing | Dc09Deviations.NoTimestamp)]
    public void Each_tolerated_header_deviation_is_read_and_reported(string body, string? receiver, string? line, Dc09Deviations expected)
    {
        var frame = Parse(Dc09FrameWriter.Frame(body));

        Assert.Equal((receiver, line, "1234", expected), (frame.Receiver, frame.Line, frame.Account, frame.Deviations));
    }

    [Fact]
    public void Lower_case_hex_in_the_crc_or_the_length_is_read_and_reported()
    {
        var wire = Encoding.ASCII.GetBytes("\ne5d50034\"SIA-DCS\"6002L0#AAA[|Nri1/CL501]" + Time + "\r");

        Assert.Equal(Dc09Deviations.LowerCaseHeader, Parse(wire).Deviations);
    }

    [Fact]
    public void The_conformant_reference_frame_reports_no_deviation() =>
        Assert.Equal(Dc09Deviations.None, Parse(Encoding.ASCII.GetBytes("\nE5D50034\"SIA-DCS\"6002L0#AAA[|Nri1/CL501]" + Time + "\r")).Deviations);

    [Fact]
    public void The_ack_of_a_frame_without_receiver_and_line_has_neither()
    {
        var frame = Parse(Dc09FrameWriter.Frame("\"SIA-DCS\"0042#1234[#1234|NBA1]" + Time));

        var ack = Dc09FrameWriter.Ack(frame, DateTimeOffset.UnixEpoch, key: null);

        Assert.Equal("\"ACK\"0042#1234[]", Encoding.ASCII.GetString(ack, 9, ack.Length - 10));
        Assert.Equal("\"DUH\"0042#1234[]", Encoding.ASCII.GetString(Dc09FrameWriter.Duh(frame, DateTimeOffset.UnixEpoch, key: null), 9, ack.Length - 10));
    }

    [Theory]
    [InlineData("#1234|Nri1BA12", "1", "BA", "12", null)]
    [InlineData("#1234|Nid7CL", null, "CL", null, "7")]
    [InlineData("#1234|Nti12:30BA4", null, "BA", "4", null)]
    [InlineData("#1234|Nri2/id3OP", "2", "OP", null, "3")]
    public void A_dc03_modifier_run_into_its_event_code_is_read_as_both_and_marked(string payload, string? area, string code, string? zone, string? user)
    {
        var evt = Assert.Single(SiaDc03Codec.Decode(payload).Events);

        Assert.Equal((area, code, zone, user, true), (evt.Area, evt.Code, evt.Zone, evt.User, evt.JoinedToModifier));
    }

    [Fact]
    public void A_modifier_whose_value_is_not_digits_then_a_code_keeps_its_whole_value_as_before()
    {
        var payload = SiaDc03Codec.Decode("#1234|NriA1/BA3");

        var evt = Assert.Single(payload.Events);
        Assert.Equal(("A1", false), (evt.Area, evt.JoinedToModifier));
    }
}
