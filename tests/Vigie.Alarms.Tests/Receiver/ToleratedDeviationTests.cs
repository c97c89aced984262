using System.Text;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Receiver;
using static Vigie.Alarms.Tests.Receiver.ReceiverHarness;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>
/// Diallers in the field that bend the frame rules where it is safe to read them anyway: their alarms are stored
/// and acknowledged — echoing exactly the fields they sent, and nothing they did not — over TCP and UDP, rather
/// than answered NAK for ever; each deviation is counted per account and logged once per account.
/// </summary>
public sealed class ToleratedDeviationTests
{
    /// <summary>The receiver's time, as a DC-09 time stamp.</summary>
    private static readonly string Now = Dc09Timestamp.Write(Start);

    /// <summary>A body framed with a correct CRC and length (upper-case hex), LF and CR.</summary>
    private static byte[] Framed(string body) => Dc09FrameWriter.Frame(body);

    private static string Text(byte[] wire) => Encoding.ASCII.GetString(wire).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task A_frame_without_receiver_and_line_is_stored_and_acknowledged_without_them(string transport)
    {
        await using var harness = Create();

        var answer = await harness.ExchangeRawAsync(transport, Framed("\"SIA-DCS\"0001#1234[#1234|Nri1BA12]"));

        Assert.Equal(Text(Framed("\"ACK\"0001#1234[]")), Text(answer));
        var signal = Assert.Single(harness.Store.Signals);
        Assert.Equal(("BA", "12", "1", Site), (signal.Code, signal.Zone, signal.Area, signal.SiteId!.Value));
        // No line prefix, no time stamp, and "ri1" run into "BA12": three tolerated deviations, each counted.
        Assert.Equal(new Dictionary<string, long> { ["line_missing"] = 1, ["no_timestamp"] = 1, ["joined_items"] = 1 }, harness.Deviations.Of("1234"));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task A_frame_with_a_receiver_and_no_line_is_acknowledged_with_its_receiver_only(string transport)
    {
        await using var harness = Create();

        var answer = await harness.ExchangeRawAsync(transport, Framed($"\"SIA-DCS\"0002R12#1234[#1234|Nri1/BA3]{Now}"));

        Assert.Equal(Text(Framed("\"ACK\"0002R12#1234[]")), Text(answer));
        Assert.Equal("BA", Assert.Single(harness.Store.Signals).Code);
        Assert.Equal(new Dictionary<string, long> { ["line_missing"] = 1 }, harness.Deviations.Of("1234"));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task An_empty_line_prefix_is_echoed_as_it_came(string transport)
    {
        await using var harness = Create();

        var answer = await harness.ExchangeRawAsync(transport, Framed($"\"ADM-CID\"0003L#1234[#1234|1130 01 004]{Now}"));

        Assert.Equal(Text(Framed("\"ACK\"0003L#1234[]")), Text(answer));
        Assert.Equal("E130", Assert.Single(harness.Store.Signals).Code);
        Assert.Equal(new Dictionary<string, long> { ["line_empty"] = 1 }, harness.Deviations.Of("1234"));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task Lower_case_hex_in_the_crc_and_length_is_read_and_counted(string transport)
    {
        await using var harness = Create();
        var frame = Framed($"\"SIA-DCS\"0005L0#1234[#1234|NFA2]{Now}"); // CRC D43D: letters to write in lower case
        var header = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(frame, 1, 8).ToLowerInvariant());
        header.CopyTo(frame, 1);
        Assert.Contains(header, b => b is >= (byte)'a' and <= (byte)'f');

        var answer = await harness.ExchangeRawAsync(transport, frame);

        Assert.Equal(Text(Framed("\"ACK\"0005L0#1234[]")), Text(answer));
        Assert.Equal("FA", Assert.Single(harness.Store.Signals).Code);
        Assert.Equal(new Dictionary<string, long> { ["lowercase_header"] = 1 }, harness.Deviations.Of("1234"));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task An_encrypted_frame_without_line_gets_an_encrypted_ack_without_line(string transport)
    {
        await using var harness = Create();

        var answer = await harness.ExchangeRawAsync(transport, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 5, null, null, "ABCD", $"#ABCD|NFA1]{Now}", Key));

        Assert.StartsWith("\"*ACK\"0005#ABCD[", Encoding.ASCII.GetString(answer, 9, answer.Length - 9), StringComparison.Ordinal);
        var ack = Dc09Parser.Parse(answer.AsSpan(1, answer.Length - 2), _ => Key).Frame!;
        Assert.Equal((Dc09Frame.Ack, true, (string?)null, (string?)null, Start), (ack.Type, ack.Encrypted, ack.Receiver, ack.Line, ack.Timestamp));
        Assert.Equal("FA", Assert.Single(harness.Store.Signals).Code);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task A_conformant_frame_is_answered_as_before_and_counts_no_deviation(string transport)
    {
        await using var harness = Create();

        var answer = await harness.ExchangeRawAsync(transport, Framed($"\"SIA-DCS\"0006R1L1#1234[#1234|Nri1/BA3]{Now}"));

        Assert.Equal(Text(Framed("\"ACK\"0006R1L1#1234[]")), Text(answer));
        Assert.Empty(harness.Deviations.Of("1234"));
        Assert.Empty(harness.Log.Lines);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task A_line_field_that_is_not_hex_is_still_refused_and_nothing_is_stored(string transport)
    {
        await using var harness = Create();

        var answer = await harness.ExchangeRawAsync(transport, Framed($"\"SIA-DCS\"0007Lx#1234[#1234|NBA3]{Now}"));

        Assert.Equal(Dc09Frame.Nak, Dc09Parser.Parse(answer.AsSpan(1, answer.Length - 2), _ => null).Frame!.Type);
        Assert.Empty(harness.Store.Signals);
        Assert.Empty(harness.Deviations.Of("1234"));
    }

    [Fact]
    public async Task Every_deviating_frame_is_counted_per_account_but_logged_once_per_account_and_deviation()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        for (var sequence = 1; sequence <= 3; sequence++)
        {
            Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Framed($"\"SIA-DCS\"{sequence:D4}#1234[#1234|NBA{sequence}]{Now}"))).Type);
        }

        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Framed($"\"SIA-DCS\"0001#9999[#9999|NBA1]{Now}"))).Type);

        Assert.Equal(new Dictionary<string, long> { ["line_missing"] = 3 }, harness.Deviations.Of("1234"));
        Assert.Equal(new Dictionary<string, long> { ["line_missing"] = 1 }, harness.Deviations.Of("9999"));
        Assert.Equal(4, harness.Store.Signals.Count);
        var lines = harness.Log.Lines;
        Assert.Equal(2, lines.Count);
        Assert.Single(lines, l => l.StartsWith("Warning DC-09 account 1234 ", StringComparison.Ordinal) && l.Contains("without the line prefix (L)", StringComparison.Ordinal) && l.Contains("line_missing", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Warning DC-09 account 9999 ", StringComparison.Ordinal));
    }
}
