using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Intake;
using Vigie.Alarms.Receiver;
using Vigie.Domain;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>A receiver on a loopback port with a fake clock, and a panel's side of the conversation.</summary>
internal sealed class ReceiverHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    public static readonly byte[] Key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    public static readonly SiteId Site = new(Guid.CreateVersion7());

    private readonly Meter _meter = new("test");

    private ReceiverHarness(Dc09ReceiverOptions options)
    {
        Accounts.Accounts["1234"] = new AccountInfo("1234", Site, null, null);
        Accounts.Accounts["ABCD"] = new AccountInfo("ABCD", Site, Key, null);
        Batcher = new SignalBatcher(Store, NullLogger.Instance);
        Deviations = new ToleratedDeviations(_meter, Log);
        Receiver = new Dc09Receiver(Accounts, Batcher, Time, options, AlarmPriorities.Default, Deviations, _meter, NullLogger.Instance);
        Server = new Dc09Server(Receiver, options, _meter, Time, ServerLog);
        Server.Start(IPAddress.Loopback, 0);
    }

    /// <summary>The receiver's clock: its time stamps, windows and time-outs all run on it.</summary>
    public WatchedClock Time { get; } = new(Start);

    /// <summary>The receiver's meter (metrics tests listen to its instruments only).</summary>
    public Meter Meter => _meter;

    public MemorySignalStore Store { get; } = new();

    public TestAccounts Accounts { get; } = new();

    public SignalBatcher Batcher { get; }

    public Dc09Receiver Receiver { get; }

    /// <summary>The tolerated deviations counted so far, per account.</summary>
    public ToleratedDeviations Deviations { get; }

    /// <summary>What the deviation counter logged.</summary>
    public ListLogger Log { get; } = new();

    /// <summary>What the TCP and UDP listeners log (connections refused, timed out).</summary>
    public ListLogger ServerLog { get; } = new();

    public Dc09Server Server { get; }

    public static ReceiverHarness Create(Dc09ReceiverOptions? options = null) => new(options ?? new Dc09ReceiverOptions());

    public async Task<Socket> ConnectAsync(string from = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Server.Port), TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>Sends bytes and reads one answer frame (LF … CR), parsed with the given key.</summary>
    public static async Task<Dc09Frame> ExchangeAsync(Socket socket, byte[] bytes, byte[]? key = null)
    {
        await socket.SendAsync(bytes, SocketFlags.None, TestContext.Current.CancellationToken);
        return await ReadAnswerAsync(socket, key);
    }

    public static async Task<Dc09Frame> ReadAnswerAsync(Socket socket, byte[]? key = null)
    {
        var answer = new List<byte>();
        var one = new byte[1];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (answer.Count == 0 || answer[^1] != Dc09FrameWriter.Cr)
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, timeout.Token) == 0)
            {
                throw new IOException($"connection closed after {answer.Count} bytes of answer");
            }

            answer.Add(one[0]);
        }

        var start = answer.IndexOf(Dc09FrameWriter.Lf);
        var result = Dc09Parser.Parse(answer.ToArray().AsSpan(start + 1, answer.Count - start - 2), _ => key);
        Assert.True(result.Ok, $"answer not parsed: {result.Error} {result.Detail}");
        return result.Frame!;
    }

    /// <summary>
    /// Sends one frame as a panel would over <paramref name="transport"/> ("tcp": its own connection, "udp": one
    /// datagram) and returns the answer exactly as it came (LF … CR), to check every byte the receiver sends.
    /// </summary>
    public async Task<byte[]> ExchangeRawAsync(string transport, byte[] frame)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        if (transport == "udp")
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            await udp.SendAsync(frame, new IPEndPoint(IPAddress.Loopback, Server.Port), timeout.Token);
            return (await udp.ReceiveAsync(timeout.Token)).Buffer;
        }

        using var socket = await ConnectAsync();
        await socket.SendAsync(frame, SocketFlags.None, timeout.Token);
        var answer = new List<byte>();
        var one = new byte[1];
        while (answer.Count == 0 || answer[^1] != Dc09FrameWriter.Cr)
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, timeout.Token) == 0)
            {
                throw new IOException($"connection closed after {answer.Count} bytes of answer");
            }

            answer.Add(one[0]);
        }

        return [.. answer];
    }

    public static byte[] Message(string type, int sequence, string account, string payload, DateTimeOffset? time, byte[]? key = null, string extended = "") =>
        Dc09FrameWriter.Write(type, sequence, "1", "1", account, payload + "]" + extended + (time is { } t ? Dc09Timestamp.Write(t) : string.Empty), key);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Batcher.DisposeAsync();
        _meter.Dispose();
    }
}
