using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Payloads;

namespace Vigie.Alarms.Simulator;

/// <summary>
/// Simulated alarm panels talking DC-09 to a receiver: each account on its own TCP connection (or UDP
/// socket) sends a realistic cycle — intrusion and its restore, tamper, opening and closing by a user,
/// periodic test, link test — waits for the answer, and sends again what was not acknowledged, as a real
/// transmitter does. Counts ACK/NAK/DUH and measures the time from send to answer.
/// </summary>
public sealed class PanelSimulator(PanelSimulatorOptions options, TimeProvider time)
{
    private long _budget = options.Count > 0 ? options.Count : long.MaxValue;
    private long _sent;
    private long _acks;
    private long _naks;
    private long _duhs;
    private long _timeouts;
    private long _eventAcks;

    public long Sent => Interlocked.Read(ref _sent);

    public long Acks => Interlocked.Read(ref _acks);

    public async Task<PanelReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var panels = Enumerable.Range(0, options.Accounts).Select(i => RunPanelAsync(i, cancellationToken)).ToList();
        var latencies = new List<double>();
        foreach (var panel in panels)
        {
            try
            {
                latencies.AddRange(await panel.ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped.
            }
        }

        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        return new PanelReport(Sent, Acks, Interlocked.Read(ref _eventAcks), Interlocked.Read(ref _naks), Interlocked.Read(ref _duhs), Interlocked.Read(ref _timeouts), At(0.5), At(0.99), latencies.Count == 0 ? 0 : latencies[^1], clock.Elapsed);
    }

    private async Task<List<double>> RunPanelAsync(int index, CancellationToken cancellationToken)
    {
        var account = PanelSimulatorOptions.AccountNumber(options.FirstAccount, index);
        var latencies = new List<double>();
        var random = new Random(index);
        var interval = options.Rate > 0 ? TimeSpan.FromSeconds(options.Accounts / options.Rate) : TimeSpan.Zero;
        var next = time.GetUtcNow() + (interval * random.NextDouble());
        var sequence = 0;
        var cycle = options.Only is { Count: > 0 } only ? Cycle.Where(e => only.Contains(e.Sia, StringComparer.OrdinalIgnoreCase)).ToArray() : Cycle;
        if (cycle.Length == 0)
        {
            throw new ArgumentException($"None of the codes {string.Join(", ", options.Only!)} is in the cycle ({string.Join(", ", Cycle.Select(e => e.Sia))}).", nameof(options));
        }

        var step = random.Next(cycle.Length);
        var zone = 1;
        using var link = new PanelLink(options, cancellationToken);
        while (!cancellationToken.IsCancellationRequested && Interlocked.Decrement(ref _budget) >= 0)
        {
            if (interval > TimeSpan.Zero)
            {
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                next += interval;
            }

            sequence = sequence % 9999 + 1;
            var evt = cycle[step++ % cycle.Length];
            var frame = Build(account, sequence, evt, random, ref zone);
            // Sent until answered; a NAK or a timeout means "send it again", as panels do (three tries here).
            for (var attempt = 0; attempt < 3; attempt++)
            {
                Interlocked.Increment(ref _sent);
                var started = Stopwatch.GetTimestamp();
                var answer = await link.ExchangeAsync(frame, options.AnswerTimeout).ConfigureAwait(false);
                if (answer is null)
                {
                    Interlocked.Increment(ref _timeouts);
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var type = Dc09Parser.Parse(answer, _ => options.Key).Frame?.Type;
                if (type == Dc09Frame.Ack)
                {
                    Interlocked.Increment(ref _acks);
                    if (evt.Sia != "NULL")
                    {
                        Interlocked.Increment(ref _eventAcks);
                    }

                    break;
                }

                if (type == Dc09Frame.Duh)
                {
                    Interlocked.Increment(ref _duhs);
                    break;
                }

                Interlocked.Increment(ref _naks);
            }
        }

        return latencies;
    }

    /// <summary>The cycle each panel goes through (a code, its number, or a link test).</summary>
    private static readonly (string Sia, int Cid, char Qualifier)[] Cycle =
    [
        ("RP", 602, '1'),
        ("BA", 130, '1'),
        ("BR", 130, '3'),
        ("NULL", 0, ' '),
        ("OP", 401, '1'),
        ("CL", 401, '3'),
        ("TA", 137, '1'),
        ("TR", 137, '3'),
        ("NULL", 0, ' '),
    ];

    /// <summary>
    /// One frame of the cycle. An alarm (BA, TA) picks a zone from 1 to <see cref="PanelSimulatorOptions.Zones"/>
    /// and its restore (BR, TR) reports the same one, as a panel does; openings and closings name a user.
    /// </summary>
    private byte[] Build(string account, int sequence, (string Sia, int Cid, char Qualifier) evt, Random random, ref int zone)
    {
        var stamp = Dc09Timestamp.Write(time.GetUtcNow());
        if (evt.Sia == "NULL")
        {
            return Dc09FrameWriter.Write(Dc09Frame.Null, sequence, "1", "1", account, "]" + stamp, options.Key);
        }

        if (evt.Sia is "BA" or "TA")
        {
            zone = random.Next(1, Math.Max(1, options.Zones) + 1);
        }

        var number = evt.Sia is "OP" or "CL" ? random.Next(1, 20) : zone;
        return options.Format == "cid"
            ? Dc09FrameWriter.Write(Dc09Frame.ContactId, sequence, "1", "1", account, ContactIdCodec.Encode(account, evt.Qualifier, evt.Cid, 1, number) + "]" + stamp, options.Key)
            : Dc09FrameWriter.Write(Dc09Frame.SiaDcs, sequence, "1", "1", account, SiaDc03Codec.Encode(account, "1", [(evt.Sia, evt.Sia == "RP" ? null : number)]) + "]" + stamp, options.Key);
    }

    /// <summary>One panel's line to the receiver: a TCP connection (reopened after a failure) or a UDP socket.</summary>
    private sealed class PanelLink(PanelSimulatorOptions options, CancellationToken cancellationToken) : IDisposable
    {
        private readonly byte[] _buffer = new byte[4096];
        private Socket? _socket;
        private int _start;
        private int _end;

        /// <summary>Sends a frame and returns the answer frame (without LF/CR), or null on timeout or a broken line.</summary>
        public async Task<byte[]?> ExchangeAsync(byte[] frame, TimeSpan timeout)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The simulator is a panel, not the receiver: how long it waits for an answer is the network's real
            // time, whatever clock paces its messages (tests pace it with the receiver's fake clock, which would
            // leave a lost datagram waiting for ever). The one real-clock time-out allowed in this project.
#pragma warning disable RS0030
            limit.CancelAfter(timeout);
#pragma warning restore RS0030
            try
            {
                var socket = _socket ??= await OpenAsync(limit.Token).ConfigureAwait(false);
                if (options.Udp)
                {
                    await socket.SendAsync(frame, SocketFlags.None, limit.Token).ConfigureAwait(false);
                    var read = await socket.ReceiveAsync(_buffer, SocketFlags.None, limit.Token).ConfigureAwait(false);
                    return read > 2 ? _buffer.AsSpan(1, read - 2).ToArray() : null;
                }

                await socket.SendAsync(frame, SocketFlags.None, limit.Token).ConfigureAwait(false);
                return await ReadFrameAsync(socket, limit.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                _socket?.Dispose();
                _socket = null;
                _start = _end = 0;
                return null;
            }
        }

        private async Task<byte[]?> ReadFrameAsync(Socket socket, CancellationToken token)
        {
            while (true)
            {
                var pending = _buffer.AsSpan(_start, _end - _start);
                var lf = pending.IndexOf(Dc09FrameWriter.Lf);
                var cr = lf < 0 ? -1 : pending[lf..].IndexOf(Dc09FrameWriter.Cr);
                if (cr > 0)
                {
                    var frame = pending.Slice(lf + 1, cr - 1).ToArray();
                    _start += lf + cr + 1;
                    return frame;
                }

                if (_start > 0)
                {
                    pending.CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    throw new IOException("answer too long");
                }

                var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("the receiver closed the connection");
                }

                _end += read;
            }
        }

        private async Task<Socket> OpenAsync(CancellationToken token)
        {
            var address = (await Dns.GetHostAddressesAsync(options.Host, token).ConfigureAwait(false)).First();
            var socket = options.Udp
                ? new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
                : new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, options.Port), token).ConfigureAwait(false);
            return socket;
        }

        public void Dispose() => _socket?.Dispose();
    }
}
