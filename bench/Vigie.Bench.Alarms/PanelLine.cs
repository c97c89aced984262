using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigie.Alarms.Dc09;

namespace Vigie.Bench.Alarms;

/// <summary>
/// One TCP line to the receiver, as a receiver's transmitter or a busy panel keeps it: frames for its
/// accounts (one SIA-DCS event each, a sequence per account, a current time stamp) sent pipelined with at
/// most <c>window</c> unanswered, either as fast as answers come back (closed loop) or at a fixed rate
/// (frames due in a 10 ms tick go out in one write). Answers come back in order, so a FIFO of send times
/// gives each frame's ACK latency (from the write that carried it). Every ACKed message key is kept for the check against the database.
/// </summary>
public sealed class PanelLine(IReadOnlyList<string> accounts, int window, double rate, Phase phase, int phases, bool perFrameSends = false)
{
    /// <summary>Closed loop: one send per frame (the load generator before the intake work), not every frame the window allows at once.</summary>
    private readonly bool _perFrameSends = perFrameSends;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly SemaphoreSlim _window = new(window, window);
    private readonly Queue<(string Key, string Account, int Sequence, long SentAt, int Phase)> _outstanding = new();
    private readonly Lock _lock = new();
    private readonly int[] _next = new int[accounts.Count];
    private int _account;

    public List<string> AckedKeys { get; } = [];

    /// <summary>ACK latencies (ms) of the frames sent in each phase.</summary>
    public List<double>[] Latencies { get; } = Enumerable.Range(0, phases).Select(_ => new List<double>()).ToArray();

    /// <summary>ACKs received in each phase.</summary>
    public long[] AcksIn { get; } = new long[phases];

    public long Sent { get; private set; }

    public long Nacked { get; private set; }

    public long Other { get; private set; }

    /// <summary>Ticks in which frames were due but the window was full (the receiver held the sender back).</summary>
    public long Stalls { get; private set; }

    public long Unanswered { get; private set; }

    /// <summary>Sends until <paramref name="stopSending"/>, then waits (up to 30 s) for the answers still due, and closes.</summary>
    public async Task RunAsync(int port, CancellationToken stopSending)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).ConfigureAwait(false);
        using var stopReading = new CancellationTokenSource();
        var reader = ReadAsync(socket, stopReading.Token);
        try
        {
            if (rate > 0)
            {
                await SendPacedAsync(socket, stopSending).ConfigureAwait(false);
            }
            else
            {
                await SendClosedLoopAsync(socket, stopSending).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
            // Time is up.
        }

        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(30) && Pending() > 0 && !reader.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None).ConfigureAwait(false);
        }

        Unanswered = Pending();
        await stopReading.CancelAsync().ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Both);
        try
        {
            await reader.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Closed.
        }
    }

    private int Pending()
    {
        lock (_lock)
        {
            return _outstanding.Count;
        }
    }

    private async Task SendClosedLoopAsync(Socket socket, CancellationToken stopSending)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (!stopSending.IsCancellationRequested)
        {
            await _window.WaitAsync(stopSending).ConfigureAwait(false);
            // Every frame the window allows now leaves in one write, as a transmitter with several messages
            // queued writes them (and as TCP would coalesce them anyway): not one send per frame.
            buffer.ResetWrittenCount();
            buffer.Write(NextFrame());
            while (!_perFrameSends && _window.Wait(0))
            {
                buffer.Write(NextFrame());
            }

            await socket.SendAsync(buffer.WrittenMemory, SocketFlags.None, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SendPacedAsync(Socket socket, CancellationToken stopSending)
    {
        using var timer = new PeriodicTimer(Tick);
        var clock = Stopwatch.StartNew();
        var buffer = new List<byte>(4096);
        long planned = 0;
        while (await timer.WaitForNextTickAsync(stopSending).ConfigureAwait(false))
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate) - planned;
            buffer.Clear();
            for (; due > 0; due--)
            {
                if (!_window.Wait(0))
                {
                    Stalls++;
                    break;
                }

                buffer.AddRange(NextFrame());
                planned++;
            }

            // A sender held back by its window does not catch up in a burst later: the schedule moves on.
            planned = Math.Max(planned, (long)(clock.Elapsed.TotalSeconds * rate) - 1);
            if (buffer.Count > 0)
            {
                await socket.SendAsync(buffer.ToArray(), SocketFlags.None, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private byte[] NextFrame()
    {
        var index = _account;
        _account = (_account + 1) % accounts.Count;
        var account = accounts[index];
        var n = _next[index]++;
        var sequence = (n % 9999) + 1;
        // The zone varies with a period prime to the sequence's, so that no two messages of a run share a key.
        var payload = string.Create(CultureInfo.InvariantCulture, $"#{account}|Nri1/BA{n % 997:D3}");
        var frame = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, sequence, "1", "1", account, payload + "]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow()));
        var key = string.Create(CultureInfo.InvariantCulture, $"{account}/{sequence:D4}/{Dc09Frame.SiaDcs}/{payload}");
        lock (_lock)
        {
            _outstanding.Enqueue((key, account, sequence, Stopwatch.GetTimestamp(), phase.Current));
        }

        Sent++;
        return frame;
    }

    private async Task ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            filled += read;
            var start = 0;
            while (true)
            {
                var lf = buffer.AsSpan(start, filled - start).IndexOf(Dc09FrameWriter.Lf);
                if (lf < 0)
                {
                    start = filled;
                    break;
                }

                var cr = buffer.AsSpan(start + lf, filled - start - lf).IndexOf(Dc09FrameWriter.Cr);
                if (cr < 0)
                {
                    start += lf;
                    break;
                }

                OnAnswer(buffer.AsSpan(start + lf + 1, cr - 1));
                start += lf + cr + 1;
            }

            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
        }
    }

    private void OnAnswer(ReadOnlySpan<byte> frame)
    {
        var now = Stopwatch.GetTimestamp();
        var answer = Dc09Parser.Parse(frame, _ => null).Frame;
        (string Key, string Account, int Sequence, long SentAt, int Phase) head;
        lock (_lock)
        {
            if (!_outstanding.TryDequeue(out head))
            {
                Other++;
                return;
            }
        }

        _window.Release();
        if (answer?.Type == Dc09Frame.Ack && answer.Sequence == head.Sequence && answer.Account == head.Account)
        {
            AckedKeys.Add(head.Key);
            if (phase.Current is >= 0 and var current)
            {
                AcksIn[current]++;
            }

            if (head.Phase >= 0)
            {
                Latencies[head.Phase].Add(Stopwatch.GetElapsedTime(head.SentAt, now).TotalMilliseconds);
            }
        }
        else if (answer?.Type == Dc09Frame.Nak)
        {
            Nacked++;
        }
        else
        {
            Other++;
        }
    }
}
