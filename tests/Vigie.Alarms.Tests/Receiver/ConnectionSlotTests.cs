using System.Net.Sockets;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Receiver;
using static Vigie.Alarms.Tests.Receiver.ReceiverHarness;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>The receiver's TCP slots cannot be held by strangers: sockets must bring frames, and the installation's panels keep room.</summary>
public sealed class ConnectionSlotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_that_never_completes_a_frame_is_closed_after_the_frame_timeout()
    {
        await using var harness = Create(new Dc09ReceiverOptions { FrameTimeout = TimeSpan.FromSeconds(10), IdleTimeout = TimeSpan.FromHours(1) });
        using var mute = await harness.ConnectAsync();

        var closedAfter = await ClosedAsync(harness, mute, strayEvery: 0);

        Assert.InRange(closedAfter, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        Assert.Contains(harness.ServerLog.Lines, m => m.Contains("no frame within the frame time-out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stray_byte_now_and_then_does_not_hold_a_connection_open()
    {
        await using var harness = Create(new Dc09ReceiverOptions { FrameTimeout = TimeSpan.FromSeconds(10), IdleTimeout = TimeSpan.FromHours(1) });
        using var trickle = await harness.ConnectAsync();
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(trickle, Message(Dc09Frame.Null, 1, "1234", string.Empty, Start))).Type);

        // One stray byte every 5 s of the receiver's clock: each is far inside any idle time-out, none completes a frame.
        var closedAfter = await ClosedAsync(harness, trickle, strayEvery: 5);

        Assert.InRange(closedAfter, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task With_2500_sockets_held_by_strangers_a_known_panel_still_connects_and_gets_its_ack()
    {
        await using var harness = Create(new Dc09ReceiverOptions { MaxConnections = 2000, MaxConnectionsPerAddress = 256, ReservedConnections = 200 });
        // The installation's panel has reported before from its address: it is a known sender.
        using (var earlier = await harness.ConnectAsync("127.0.0.20"))
        {
            Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(earlier, Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|NRP", Start))).Type);
        }

        // 2,500 sockets from ten addresses that never sent a frame of a configured account, held open.
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < 2500; i++)
            {
                held.Add(await harness.ConnectAsync($"127.0.0.{2 + (i % 10)}"));
            }

            using var panel = await harness.ConnectAsync("127.0.0.20");
            var ack = await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 2, "1234", "#1234|NBA1", Start));
            Assert.Equal((Dc09Frame.Ack, 2), (ack.Type, ack.Sequence));
            Assert.Contains(harness.Store.Signals, s => s.Code == "BA");
            // Strangers got at most the unreserved slots; the refusals are logged.
            Assert.InRange(harness.Server.OpenConnections, 1, 1801);
            Assert.Contains(harness.ServerLog.Lines, m => m.Contains("refused", StringComparison.Ordinal));
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// Moves the receiver's clock a second at a time (a tenth of a real second apart, so the receiver keeps up),
    /// sending a stray byte every <paramref name="strayEvery"/> clock seconds (0: none), until the receiver
    /// closes the socket; returns the clock time it took. Fails after two minutes of the receiver's clock.
    /// </summary>
    private static async Task<TimeSpan> ClosedAsync(ReceiverHarness harness, Socket socket, int strayEvery)
    {
        var buffer = new byte[256];
        for (var second = 0; second < 120; second++)
        {
            if (strayEvery > 0 && second % strayEvery == 0)
            {
                try
                {
                    await socket.SendAsync(new byte[] { 0x07 }, SocketFlags.None, Ct);
                }
                catch (SocketException)
                {
                    return TimeSpan.FromSeconds(second);
                }
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            wait.CancelAfter(TimeSpan.FromMilliseconds(100));
            try
            {
                // A NAK may come first; the close reads as 0 bytes.
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token) > 0)
                {
                }

                return TimeSpan.FromSeconds(second);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                // Still open.
            }
            catch (SocketException)
            {
                return TimeSpan.FromSeconds(second);
            }

            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Fail("the receiver kept the connection open for two minutes of its clock");
        return TimeSpan.Zero;
    }
}
