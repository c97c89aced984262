using System.Text;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Payloads;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Dc09;

/// <summary>The public reference frames of ../shared/data/dc09-vectors.md decode as the file says.</summary>
public sealed class ReferenceFrameTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("AAAAAAAAAAAAAAAA");

    private static Dc09Frame Parse(string frame, byte[]? key = null)
    {
        var bytes = Encoding.ASCII.GetBytes(frame);
        Assert.Equal(Dc09FrameWriter.Lf, bytes[0]);
        Assert.Equal(Dc09FrameWriter.Cr, bytes[^1]);
        var result = Dc09Parser.Parse(bytes.AsSpan(1, bytes.Length - 2), _ => key);
        Assert.True(result.Ok, $"{result.Error}: {result.Detail}");
        return result.Frame!;
    }

    [Fact]
    public void A_dc03_frame_with_receiver_line_and_ascii_text()
    {
        var frame = Parse("\nF4D20029\"SIA-DCS\"0001RF3L77#1234[#1234|NRR|Atest]\r");
        Assert.Equal(("SIA-DCS", false, 1, "F3", "77", "1234"), (frame.Type, frame.Encrypted, frame.Sequence, frame.Receiver, frame.Line, frame.Account));
        Assert.Null(frame.Timestamp);
        var payload = SiaDc03Codec.Decode(frame.Payload);
        Assert.Equal("1234", payload.Account);
        Assert.Equal("test", payload.Text);
        var evt = Assert.Single(payload.Events);
        Assert.Equal(("RR", "Mise sous tension", "Power up"), (evt.Code, evt.French, evt.English));
    }

    [Fact]
    public void An_empty_dc03_frame_without_receiver()
    {
        var frame = Parse("\n96ED0016\"SIA-DCS\"0001L0#1234[]\r");
        Assert.Null(frame.Receiver);
        Assert.Equal(("0", "1234", string.Empty), (frame.Line, frame.Account, frame.Payload));
        Assert.Empty(SiaDc03Codec.Decode(frame.Payload).Events);
    }

    [Fact]
    public void A_nak_carries_the_receivers_time()
    {
        var frame = Parse("\nE4410025\"NAK\"0000R0L0A0[]_16:20:01,09-24-2025\r");
        Assert.Equal("NAK", frame.Type);
        Assert.Equal(new DateTimeOffset(2025, 9, 24, 16, 20, 1, TimeSpan.Zero), frame.Timestamp);
        Assert.Equal(Encoding.ASCII.GetBytes("\nE4410025\"NAK\"0000R0L0A0[]_16:20:01,09-24-2025\r"), Dc09FrameWriter.Nak(frame.Timestamp!.Value));
    }

    [Fact]
    public void A_closing_by_user_in_area_1_with_a_time_stamp()
    {
        var frame = Parse("\nE5D50034\"SIA-DCS\"6002L0#AAA[|Nri1/CL501]_14:12:04,09-25-2019\r");
        Assert.Equal((6002, "AAA"), (frame.Sequence, frame.Account));
        Assert.Equal(new DateTimeOffset(2019, 9, 25, 14, 12, 4, TimeSpan.Zero), frame.Timestamp);
        var evt = Assert.Single(SiaDc03Codec.Decode(frame.Payload).Events);
        Assert.Equal(("CL", AlarmCategory.OpeningClosing, "1", "501", (string?)null), (evt.Code, evt.Category, evt.Area, evt.User, evt.Zone));
    }

    [Fact]
    public void A_contact_id_fire_alarm_in_zone_129()
    {
        var frame = Parse("\n5093004B\"ADM-CID\"9876R579BDFL789ABC#12345A[#12345A|1110 00 129]_14:12:04,09-25-2019\r");
        Assert.Equal(("ADM-CID", 9876, "579BDF", "789ABC", "12345A"), (frame.Type, frame.Sequence, frame.Receiver, frame.Line, frame.Account));
        var payload = ContactIdCodec.Decode(frame.Payload);
        Assert.Equal("12345A", payload.Account);
        var evt = Assert.Single(payload.Events);
        Assert.Equal(("E110", AlarmCategory.Fire, false, "129", "00"), (evt.Code, evt.Category, evt.IsRestore, evt.Zone, evt.Area));
        Assert.Equal("Alarme incendie", evt.French);
    }

    [Fact]
    public void An_encrypted_supervision_frame_decrypts_with_the_accounts_key()
    {
        var frame = Parse("\n76D80055\"*NULL\"0000R0L0#AAAB[B4BC8B40D0E6D959D6BEA78E88CC0B2155741A3C44FBB96D476A3E557CAD64D9\r", Key);
        Assert.Equal(("NULL", true, "AAAB", string.Empty), (frame.Type, frame.Encrypted, frame.Account, frame.Payload));
        Assert.Equal(new DateTimeOffset(2020, 7, 5, 18, 24, 52, TimeSpan.Zero), frame.Timestamp);
        Assert.True(Dc09Encryption.TryDecrypt(Key, "B4BC8B40D0E6D959D6BEA78E88CC0B2155741A3C44FBB96D476A3E557CAD64D9", out var clear));
        Assert.Equal("ppppppppppp]_18:24:52,07-05-2020", clear);
    }

    [Fact]
    public void The_encrypted_frame_is_refused_without_the_key_or_with_another()
    {
        var bytes = Encoding.ASCII.GetBytes("76D80055\"*NULL\"0000R0L0#AAAB[B4BC8B40D0E6D959D6BEA78E88CC0B2155741A3C44FBB96D476A3E557CAD64D9");
        Assert.Equal(Dc09FrameError.NoKeyForAccount, Dc09Parser.Parse(bytes, _ => null).Error);
        Assert.Equal(Dc09FrameError.BadEncryption, Dc09Parser.Parse(bytes, _ => Encoding.ASCII.GetBytes("BBBBBBBBBBBBBBBB")).Error);
    }

    [Theory]
    [InlineData(0x0000, "", 0x0000)]
    [InlineData(0x0000, "123456789", 0xBB3D)] // the CRC-16/ARC check value
    public void Crc16_arc_matches_its_check_value(int _, string text, int expected) =>
        Assert.Equal((ushort)expected, Crc16Arc.Compute(Encoding.ASCII.GetBytes(text)));
}
