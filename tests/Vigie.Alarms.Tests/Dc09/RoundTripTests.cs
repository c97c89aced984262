using System.Text;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Payloads;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Dc09;

/// <summary>Frames built from the rules by the writer (the panel simulator's side) read back by the parser.</summary>
public sealed class RoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    /// <summary>0: not encrypted; else AES-128/192/256.</summary>
    public static TheoryData<int> KeySizes => new() { 0, 16, 24, 32 };

    private static byte[]? KeyOf(int size) => size > 0 ? Enumerable.Range(1, size).Select(i => (byte)(i * 7)).ToArray() : null;

    private static Dc09Frame ReadBack(byte[] wire, byte[]? key)
    {
        var result = Dc09Parser.Parse(wire.AsSpan(1, wire.Length - 2), _ => key);
        Assert.True(result.Ok, $"{result.Error}: {result.Detail}");
        return result.Frame!;
    }

    [Theory]
    [MemberData(nameof(KeySizes))]
    public void A_multi_event_dc03_message_round_trips(int keySize)
    {
        var key = KeyOf(keySize);
        var payload = SiaDc03Codec.Encode("1A2B3", "2", [("BA", 12), ("TA", 12), ("AT", null)]);
        var wire = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 42, "12", "3", "1A2B3", payload + "][Vhttps://nvr.example/clip/77][X002E21.3522][Y0048N48.8566]" + Dc09Timestamp.Write(Now), key);

        var frame = ReadBack(wire, key);
        Assert.Equal((keySize > 0, 42, "12", "3", "1A2B3", Now), (frame.Encrypted, frame.Sequence, frame.Receiver, frame.Line, frame.Account, frame.Timestamp));
        Assert.Equal("https://nvr.example/clip/77", frame.Extended('V'));
        Assert.Equal("002E21.3522", frame.Extended('X'));
        var events = SiaDc03Codec.Decode(frame.Payload).Events;
        Assert.Equal(["BA", "TA", "AT"], events.Select(e => e.Code));
        Assert.Equal([AlarmCategory.Intrusion, AlarmCategory.Tamper, AlarmCategory.TechnicalFault], events.Select(e => e.Category));
        Assert.All(events, e => Assert.Equal("2", e.Area));
        Assert.Equal(["012", "012", null], events.Select(e => e.Zone));
    }

    [Theory]
    [MemberData(nameof(KeySizes))]
    public void A_contact_id_restore_round_trips(int keySize)
    {
        var key = KeyOf(keySize);
        var wire = Dc09FrameWriter.Write(Dc09Frame.ContactId, 9999, null, "1", "ABCDEF", ContactIdCodec.Encode("ABCDEF", '3', 130, 1, 5) + "]" + Dc09Timestamp.Write(Now), key);

        var frame = ReadBack(wire, key);
        var evt = Assert.Single(ContactIdCodec.Decode(frame.Payload).Events);
        Assert.Equal(("R130", AlarmCategory.Intrusion, true, "005", "01"), (evt.Code, evt.Category, evt.IsRestore, evt.Zone, evt.Area));
        Assert.Equal("Fin : Intrusion", evt.French);
    }

    [Theory]
    [MemberData(nameof(KeySizes))]
    public void The_ack_echoes_the_frame_and_is_encrypted_when_the_frame_was(int keySize)
    {
        var key = KeyOf(keySize);
        var frame = ReadBack(Dc09FrameWriter.Write(Dc09Frame.Null, 7, "A", "B", "123", "]" + Dc09Timestamp.Write(Now), key), key);

        var ack = ReadBack(Dc09FrameWriter.Ack(frame, Now, key), key);
        Assert.Equal((Dc09Frame.Ack, key is not null, 7, "A", "B", "123", string.Empty), (ack.Type, ack.Encrypted, ack.Sequence, ack.Receiver, ack.Line, ack.Account, ack.Payload));
        if (key is null)
        {
            Assert.Equal("\"ACK\"0007RALB#123[]", Encoding.ASCII.GetString(Dc09FrameWriter.Ack(frame, Now, key).AsSpan(9, 19)));
        }
        else
        {
            Assert.Equal(Now, ack.Timestamp);
        }
    }

    [Fact]
    public void Opening_and_closing_in_contact_id_are_told_apart_by_the_qualifier()
    {
        var opening = Assert.Single(ContactIdCodec.Decode("#1234|1401 01 003").Events);
        var closing = Assert.Single(ContactIdCodec.Decode("#1234|3401 01 003").Events);
        Assert.Equal(("003", false, "Mise à l'arrêt (ouverture)"), (opening.User, opening.IsRestore, opening.French));
        Assert.Equal(("003", false, "Mise en service (fermeture)"), (closing.User, closing.IsRestore, closing.French));
        Assert.True(Assert.Single(ContactIdCodec.Decode("#1234|6130 01 003").Events).PreviouslyReported);
        Assert.Equal("E602", Assert.Single(ContactIdCodec.Decode("#1234|160200000").Events).Code);
    }

    [Fact]
    public void Unknown_codes_are_kept_and_marked_unknown()
    {
        var sia = Assert.Single(SiaDc03Codec.Decode("#1|NZZ9").Events);
        Assert.Equal(("ZZ", false, AlarmCategory.Other), (sia.Code, sia.Known, sia.Category));
        var cid = Assert.Single(ContactIdCodec.Decode("#1|1999 00 000").Events);
        Assert.Equal(("E999", false), (cid.Code, cid.Known));
    }

    [Theory]
    [InlineData("#1234|Nri1/B")]
    [InlineData("#1234|NBAx1")]
    [InlineData("#1234|Nti25:99/BA1")]
    [InlineData("1234|NBA1")]
    public void Malformed_dc03_payloads_are_reported(string payload) => Assert.False(SiaDc03Codec.Decode(payload).Ok);

    [Theory]
    [InlineData("#1234|2130 01 005")]
    [InlineData("#1234|1130 01 05")]
    [InlineData("#1234|1130 01 0055")]
    [InlineData("#1234 1130 01 005")]
    public void Malformed_contact_id_payloads_are_reported(string payload) => Assert.False(ContactIdCodec.Decode(payload).Ok);
}
