using System.Text;
using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Tests.Dc09;

public sealed class BadInputTests
{
    private const string Good = "F4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]";

    private static Dc09FrameError ErrorOf(string frame) => Dc09Parser.Parse(Encoding.Latin1.GetBytes(frame), _ => null).Error;

    /// <summary>Re-frames a body with a correct CRC and length, to reach the field checks.</summary>
    private static string Framed(string body)
    {
        var wire = Dc09FrameWriter.Frame(body);
        return Encoding.ASCII.GetString(wire, 1, wire.Length - 2);
    }

    [Fact]
    public void The_reference_frame_itself_parses() => Assert.Equal(Dc09FrameError.None, ErrorOf(Good));

    [Theory]
    [InlineData("F4D30029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]", Dc09FrameError.BadCrc)]
    [InlineData("F4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atesu]", Dc09FrameError.BadCrc)]
    [InlineData("F4D2002A\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]", Dc09FrameError.BadLength)]
    [InlineData("F4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Ates", Dc09FrameError.BadLength)]
    [InlineData("F4D2", Dc09FrameError.TooShort)]
    [InlineData("ZZZZ0029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]", Dc09FrameError.BadLength)]
    [InlineData("F4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Até]", Dc09FrameError.NotAscii)]
    public void Wrong_crc_length_truncation_and_non_ascii_are_refused(string frame, Dc09FrameError expected) =>
        Assert.Equal(expected, ErrorOf(frame));

    [Theory]
    [InlineData("SIA-DCS\"0001L0#1234[]", Dc09FrameError.BadType)]
    [InlineData("\"sia-dcs\"0001L0#1234[]", Dc09FrameError.BadType)]
    [InlineData("\"SIA-DCS\"01L0#1234[]", Dc09FrameError.BadSequence)]
    [InlineData("\"SIA-DCS\"0001RL0#1234[]", Dc09FrameError.BadReceiver)]
    [InlineData("\"SIA-DCS\"0001R1234567L0#1234[]", Dc09FrameError.BadLine)]
    [InlineData("\"SIA-DCS\"0001Lx#1234[]", Dc09FrameError.BadLine)]
    [InlineData("\"SIA-DCS\"0001R1X#1234[]", Dc09FrameError.BadLine)]
    [InlineData("\"SIA-DCS\"0001l0#1234[]", Dc09FrameError.BadLine)]
    [InlineData("\"SIA-DCS\"0001L0#abcd[]", Dc09FrameError.BadAccount)]
    [InlineData("\"SIA-DCS\"0001L0#12[]", Dc09FrameError.BadAccount)]
    [InlineData("\"SIA-DCS\"0001L0[]", Dc09FrameError.BadAccount)]
    [InlineData("\"SIA-DCS\"0001L0#1234", Dc09FrameError.BadData)]
    [InlineData("\"SIA-DCS\"0001L0#1234[#1234|NBA1", Dc09FrameError.BadData)]
    [InlineData("\"SIA-DCS\"0001L0#1234[][Vhttp://x", Dc09FrameError.BadData)]
    [InlineData("\"SIA-DCS\"0001L0#1234[]_25:00:00,01-01-2026", Dc09FrameError.BadTimestamp)]
    [InlineData("\"SIA-DCS\"0001L0#1234[]garbage", Dc09FrameError.BadTimestamp)]
    [InlineData("\"*SIA-DCS\"0001L0#1234[0123]", Dc09FrameError.NoKeyForAccount)]
    public void Malformed_fields_behind_a_correct_crc_are_refused(string body, Dc09FrameError expected) =>
        Assert.Equal(expected, ErrorOf(Framed(body)));

    [Fact]
    public void An_encrypted_frame_without_time_stamp_is_refused()
    {
        var key = Encoding.ASCII.GetBytes("0123456789ABCDEF");
        var wire = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "1234", "#1234|NBA1]", key);
        Assert.Equal(Dc09FrameError.MissingTimestamp, Dc09Parser.Parse(wire.AsSpan(1, wire.Length - 2), _ => key).Error);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(11);
        var buffer = new byte[200];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            // Keep them mostly printable so the parser gets past the ASCII check and into the fields.
            for (var j = 0; j < length; j++)
            {
                buffer[j] = (byte)(0x20 + (buffer[j] % 0x5F));
            }

            Assert.NotEqual(Dc09FrameError.None, Dc09Parser.Parse(buffer.AsSpan(0, length), _ => new byte[16]).Error);
        }
    }
}
