using System.Net;
using System.Net.Sockets;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Receiver;
using static Vigie.Alarms.Tests.Receiver.ReceiverHarness;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>
/// One sender cannot take the receiver for itself: a pipelining TCP connection has a bounded share of the
/// group commit, UDP work is capped in all and per address, and a retransmission that overtakes its first
/// copy's commit is still stored once. The store holds each batch at a gate, so what waits can be seen.
/// </summary>
public sealed class FairnessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flooding_connection_keeps_at_most_its_share_in_flight_and_another_panel_is_committed_in_the_next_batches()
    {
        await using var harness = Create(new Dc09ReceiverOptions { MaxInFlightPerConnection = 4 });
        harness.Accounts.Accounts["5678"] = new AccountInfo("5678", Site, null, null);
        var gate = new SemaphoreSlim(0);
        harness.Store.Gate = gate;
        using var flood = await harness.ConnectAsync();
        await flood.SendAsync(Enumerable.Range(1, 100).SelectMany(i => Message(Dc09Frame.SiaDcs, i, "1234", $"#1234|NBA{i}", Start)).ToArray(), SocketFlags.None, Ct);
        await EventuallyAsync(() => harness.Store.Entered == 1);
        using var panel = await harness.ConnectAsync("127.0.0.2");
        await panel.SendAsync(Message(Dc09Frame.SiaDcs, 1, "5678", "#5678|NFA1", Start), SocketFlags.None, Ct);

        var batches = 0;
        while (!harness.Store.Signals.Any(s => s.Account == "5678"))
        {
            Assert.True(++batches <= 3, "the other panel's signal waited behind more than its share of the flood");
            gate.Release();
            await EventuallyAsync(() => harness.Store.Batches.Count == batches);
        }

        Assert.Equal((Dc09Frame.Ack, 1), (await ReadAnswerAsync(panel)) is var ack ? (ack.Type, ack.Sequence) : default);
        // The connection's share (4 waiting to be answered, one more handled while it waits) bounds every batch.
        Assert.All(harness.Store.Batches, batch => Assert.InRange(batch.Count(s => s.Account == "1234"), 0, 5));
        Assert.True(harness.Store.Signals.Count(s => s.Account == "1234") <= 15);

        gate.Release(1000);
        for (var i = 1; i <= 100; i++)
        {
            Assert.Equal((Dc09Frame.Ack, i), (await ReadAnswerAsync(flood)) is var answer ? (answer.Type, answer.Sequence) : default);
        }

        Assert.Equal(101, harness.Store.Signals.Count);
    }

    [Fact]
    public async Task A_retransmission_pipelined_behind_its_first_copy_is_acknowledged_twice_and_stored_once()
    {
        await using var harness = Create();
        var gate = new SemaphoreSlim(0);
        harness.Store.Gate = gate;
        using var panel = await harness.ConnectAsync();
        var frame = Message(Dc09Frame.SiaDcs, 7, "1234", "#1234|NBA3", Start);
        await panel.SendAsync(frame.Concat(frame).ToArray(), SocketFlags.None, Ct);
        await EventuallyAsync(() => harness.Store.Entered == 1);
        gate.Release(10);

        Assert.Equal((Dc09Frame.Ack, 7), (await ReadAnswerAsync(panel)) is var first ? (first.Type, first.Sequence) : default);
        Assert.Equal((Dc09Frame.Ack, 7), (await ReadAnswerAsync(panel)) is var second ? (second.Type, second.Sequence) : default);
        Assert.Equal("BA", Assert.Single(harness.Store.Signals).Code);
    }

    [Fact]
    public async Task Udp_work_in_progress_is_capped_in_all_and_per_address_and_datagrams_past_the_caps_are_dropped()
    {
        await using var harness = Create(new Dc09ReceiverOptions { MaxUdpInFlight = 8, MaxUdpInFlightPerAddress = 4 });
        var gate = new SemaphoreSlim(0);
        harness.Store.Gate = gate;
        var receiver = new IPEndPoint(IPAddress.Loopback, harness.Server.Port);
        using var first = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        using var second = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
        for (var i = 1; i <= 20; i++)
        {
            await first.SendAsync(Message(Dc09Frame.SiaDcs, i, "1234", $"#1234|NBA{i}", Start), receiver, Ct);
            await second.SendAsync(Message(Dc09Frame.SiaDcs, 100 + i, "1234", $"#1234|NBA{100 + i}", Start), receiver, Ct);
        }

        // Each address has its 4 in progress (waiting for the commit), the other 32 datagrams are dropped.
        await EventuallyAsync(() => harness.Server.UdpDropped == 32);
        Assert.Equal(8, harness.Server.UdpInFlight);

        // The total is reached: a third panel's datagram is dropped too, until the store catches up.
        using var third = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 0));
        await third.SendAsync(Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NFA1", Start), receiver, Ct);
        await EventuallyAsync(() => harness.Server.UdpDropped == 33);

        gate.Release(1000);
        await EventuallyAsync(() => harness.Server.UdpInFlight == 0);
        Assert.Equal(8, harness.Store.Signals.Count);
        await third.SendAsync(Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NFA1", Start), receiver, Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var answer = await third.ReceiveAsync(timeout.Token);
        Assert.Equal(Dc09Frame.Ack, Dc09Parser.Parse(answer.Buffer.AsSpan(1, answer.Buffer.Length - 2), _ => null).Frame!.Type);
        Assert.Equal(9, harness.Store.Signals.Count);
    }

    /// <summary>Sockets run on real time: waits (10 s at most) until the receiver has done what the test expects.</summary>
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }
}
