using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Receiver;
using Vigie.Domain.Alarms;
using static Vigie.Alarms.Tests.Receiver.ReceiverHarness;

namespace Vigie.Alarms.Tests.Receiver;

public sealed class ReceiverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_alarm_is_stored_before_its_ack_which_echoes_the_frame()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        var ack = await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 17, "1234", "#1234|Nri2/BA012/TA012", Start, extended: "[Vhttps://nvr/clip/9]"));

        Assert.Equal((Dc09Frame.Ack, 17, "1", "1", "1234"), (ack.Type, ack.Sequence, ack.Receiver, ack.Line, ack.Account));
        var signals = harness.Store.Signals.ToList();
        Assert.Equal(["BA", "TA"], signals.Select(s => s.Code));
        Assert.All(signals, s =>
        {
            Assert.Equal((Site, "012", "2", Start, "https://nvr/clip/9", false), (s.SiteId!.Value, s.Zone, s.Area, s.SentAt!.Value, s.VerificationUrl, s.UnknownAccount));
            Assert.StartsWith("\\n", s.Raw, StringComparison.Ordinal);
            Assert.Contains("#1234|Nri2/BA012/TA012", s.Raw, StringComparison.Ordinal);
        });
        Assert.Equal((2, 3), (signals[0].Priority, signals[1].Priority));
        Assert.Equal(Start, harness.Accounts.LastSeen["1234"]);
    }

    [Fact]
    public async Task A_retransmission_is_acknowledged_again_and_stored_once()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();
        var frame = Message(Dc09Frame.ContactId, 5, "1234", "#1234|1130 01 003", Start);

        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, frame)).Type);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, frame)).Type);

        Assert.Single(harness.Store.Signals);
    }

    [Fact]
    public async Task An_encrypted_message_gets_an_encrypted_ack_with_the_receivers_time()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        var ack = await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "ABCD", "#ABCD|NFA1", Start, Key), Key);

        Assert.True(ack.Encrypted);
        Assert.Equal((Dc09Frame.Ack, Start), (ack.Type, ack.Timestamp));
        Assert.Equal(AlarmCategory.Fire, Assert.Single(harness.Store.Signals).Category);
    }

    [Fact]
    public async Task A_time_stamp_outside_the_window_gets_a_nak_with_the_receivers_time_and_is_not_stored()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        var late = await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NBA1", Start.AddSeconds(-41)));
        var early = await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 2, "1234", "#1234|NBA1", Start.AddSeconds(21)));
        var inside = await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 3, "1234", "#1234|NBA1", Start.AddSeconds(-39)));

        Assert.Equal((Dc09Frame.Nak, Start), (late.Type, late.Timestamp));
        Assert.Equal(Dc09Frame.Nak, early.Type);
        Assert.Equal(Dc09Frame.Ack, inside.Type);
        Assert.Single(harness.Store.Signals);
    }

    [Fact]
    public async Task A_signal_that_could_not_be_stored_is_never_acknowledged()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();
        harness.Store.Fail = true;

        Assert.Equal(Dc09Frame.Nak, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NPA1", Start))).Type);

        harness.Store.Fail = false;
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NPA1", Start))).Type);
        Assert.Single(harness.Store.Signals);
    }

    [Fact]
    public async Task An_unknown_account_is_stored_and_raised_not_dropped()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "9999", "#9999|NBA4", Start))).Type);
        Assert.Equal(Dc09Frame.Nak, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 2, "8888", "#8888|NBA4", Start, Key))).Type);

        var signals = harness.Store.Signals.ToList();
        Assert.Equal(2, signals.Count);
        Assert.All(signals, s => Assert.True(s.UnknownAccount && s.SiteId is null));
        Assert.StartsWith("Compte inconnu 9999 : Alarme intrusion", signals[0].French, StringComparison.Ordinal);
        Assert.Equal(("8888", "ENCRYPTED"), (signals[1].Account, signals[1].Code));
    }

    [Fact]
    public async Task Unsupported_types_get_duh_and_unknown_codes_are_stored_with_duh()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        Assert.Equal(Dc09Frame.Duh, (await ExchangeAsync(panel, Message("SIA-DCX", 1, "1234", "#1234|NBA1", Start))).Type);
        Assert.Empty(harness.Store.Signals);
        Assert.Equal(Dc09Frame.Duh, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 2, "1234", "#1234|NQQ1", Start))).Type);
        Assert.Equal(AlarmCategory.Other, Assert.Single(harness.Store.Signals).Category);
    }

    [Fact]
    public async Task A_null_message_supervises_without_storing_anything()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();

        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Message(Dc09Frame.Null, 1, "1234", string.Empty, Start))).Type);
        Assert.Empty(harness.Store.Signals);
        Assert.Equal(Start, harness.Accounts.LastSeen["1234"]);
    }

    [Fact]
    public async Task Garbage_bad_crc_and_oversized_frames_get_naks_and_the_connection_keeps_working()
    {
        await using var harness = Create(new Dc09ReceiverOptions { MaxFrameBytes = 256 });
        using var panel = await harness.ConnectAsync();
        var good = Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NBA1", Start);
        var badCrc = (byte[])good.Clone();
        badCrc[1] = (byte)(badCrc[1] == (byte)'0' ? '1' : '0');

        Assert.Equal(Dc09Frame.Nak, (await ExchangeAsync(panel, badCrc)).Type);
        Assert.Equal(Dc09Frame.Nak, (await ExchangeAsync(panel, [.. "\x01\x02 junk"u8.ToArray(), Dc09FrameWriter.Lf, .. Encoding.ASCII.GetBytes(new string('A', 1000)), Dc09FrameWriter.Cr])).Type);
        Assert.Equal(Dc09Frame.Nak, (await ExchangeAsync(panel, [Dc09FrameWriter.Lf, .. "\"SIA-DCS\"\u00e9"u8.ToArray(), Dc09FrameWriter.Cr])).Type);
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, good)).Type);
        Assert.Single(harness.Store.Signals);
    }

    [Fact]
    public async Task Several_frames_in_one_write_are_answered_in_order()
    {
        await using var harness = Create();
        using var panel = await harness.ConnectAsync();
        byte[] both = [.. Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NBA1", Start), .. Message(Dc09Frame.SiaDcs, 2, "1234", "#1234|NBR1", Start)];
        await panel.SendAsync(both, SocketFlags.None, Ct);

        Assert.Equal(1, (await ReadAnswerAsync(panel)).Sequence);
        Assert.Equal(2, (await ReadAnswerAsync(panel)).Sequence);
        Assert.Equal(["BA", "BR"], harness.Store.Signals.Select(s => s.Code));
    }

    [Fact]
    public async Task A_frame_trickling_in_a_byte_at_a_time_is_cut_off_after_the_frame_timeout_while_another_panel_is_served()
    {
        await using var harness = Create(new Dc09ReceiverOptions { FrameTimeout = TimeSpan.FromSeconds(1) });
        using var slow = await harness.ConnectAsync();
        var frame = Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NBA1", Start);
        await slow.SendAsync(frame.AsMemory(0, 5), SocketFlags.None, Ct);
        using var other = await harness.ConnectAsync();
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(other, Message(Dc09Frame.SiaDcs, 2, "1234", "#1234|NBA2", Start))).Type);

        // The time-out runs on the receiver's clock: once it is armed for the incomplete frame, move the clock past it.
        await harness.Time.ArmedAsync(TimeSpan.FromSeconds(1)).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Dc09Frame.Nak, (await ReadAnswerAsync(slow)).Type);
        var rest = new byte[16];
        Assert.Equal(0, await slow.ReceiveAsync(rest, SocketFlags.None, Ct));
    }

    [Fact]
    public async Task A_connection_silent_after_its_frame_is_closed_once_the_receivers_clock_has_run_through_the_idle_timeout()
    {
        await using var harness = Create(new Dc09ReceiverOptions { IdleTimeout = TimeSpan.FromMinutes(5) });
        using var quiet = await harness.ConnectAsync();
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(quiet, Message(Dc09Frame.Null, 1, "1234", string.Empty, Start))).Type);
        await harness.Time.ArmedAsync(TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        harness.Time.Advance(TimeSpan.FromMinutes(5));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await quiet.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token));
    }

    [Fact]
    public async Task A_flood_of_connections_from_one_address_is_refused_past_the_cap_and_other_panels_are_served()
    {
        await using var harness = Create(new Dc09ReceiverOptions { MaxConnectionsPerAddress = 10 });
        var flood = new List<Socket>();
        for (var i = 0; i < 40; i++)
        {
            flood.Add(await harness.ConnectAsync());
        }

        using var panel = await harness.ConnectAsync("127.0.0.2");
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NBA1", Start))).Type);
        var closed = 0;
        foreach (var socket in flood)
        {
            socket.ReceiveTimeout = 2000;
            try
            {
                await socket.SendAsync(Message(Dc09Frame.Null, 1, "1234", string.Empty, Start), SocketFlags.None, Ct);
                await ReadAnswerAsync(socket);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                closed++;
            }

            socket.Dispose();
        }

        Assert.Equal(30, closed);
    }

    [Fact]
    public async Task Udp_datagrams_are_answered_to_their_sender()
    {
        await using var harness = Create();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await udp.SendAsync(Message(Dc09Frame.ContactId, 3, "ABCD", "#ABCD|1120 01 004", Start, Key), new IPEndPoint(IPAddress.Loopback, harness.Server.Port), Ct);
        var answer = await udp.ReceiveAsync(Ct);

        var ack = Dc09Parser.Parse(answer.Buffer.AsSpan(1, answer.Buffer.Length - 2), _ => Key);
        Assert.Equal((Dc09Frame.Ack, true, 3), (ack.Frame!.Type, ack.Frame.Encrypted, ack.Frame.Sequence));
        Assert.Equal(AlarmCategory.Panic, Assert.Single(harness.Store.Signals).Category);

        await udp.SendAsync("not a frame"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, harness.Server.Port), Ct);
        var nak = await udp.ReceiveAsync(Ct);
        Assert.Equal(Dc09Frame.Nak, Dc09Parser.Parse(nak.Buffer.AsSpan(1, nak.Buffer.Length - 2), _ => null).Frame!.Type);
    }
}
