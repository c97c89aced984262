using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Intake;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// What TCP and UDP share to answer a frame: counting it by sender and transport, handing it to the receiver
/// (parse, store, then ACK, NAK or DUH), the NAK for bytes that hold no frame, and recording each answer's
/// time — from the receipt of the frame's last byte to the send of its answer — once it has left.
/// </summary>
internal sealed class Dc09AnswerPath
{
    public static readonly KeyValuePair<string, object?> Tcp = new("transport", "tcp");
    public static readonly KeyValuePair<string, object?> Udp = new("transport", "udp");

    private readonly Dc09Receiver _receiver;
    private readonly TimeProvider _time;
    private readonly Counter<long> _received;
    private readonly Histogram<double> _duration;

    public Dc09AnswerPath(Dc09Receiver receiver, Meter meter, TimeProvider time)
    {
        _receiver = receiver;
        _time = time;
        // Per sending address (not address:port, which changes with every connection): bounded by the panels.
        _received = meter.CreateCounter<long>("vigie.dc09.received", "{frame}", "DC-09 frames received, by remote address and transport");
        _duration = meter.CreateHistogram(
            "vigie.dc09.answer.duration",
            "s",
            "Time from the receipt of a DC-09 frame's last byte to the send of its answer (ACK after the commit, NAK, DUH), by transport",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = IntakeMetrics.LatencyBuckets });
    }

    /// <summary>The tags of a sender: its address and the transport ("tcp", "udp"), made once per connection or datagram.</summary>
    public static KeyValuePair<string, object?>[] Source(IPAddress address, string transport) =>
        [new("remote", address.ToString()), new("transport", transport)];

    public void Received(KeyValuePair<string, object?>[] source) => _received.Add(1, source[0], source[1]);

    /// <summary>The frame's answer, once known (after the commit for a signal).</summary>
    public Task<byte[]> AnswerAsync(ReadOnlyMemory<byte> frame, string remote, CancellationToken cancellationToken) =>
        _receiver.HandleAsync(frame, remote, cancellationToken);

    /// <summary>The NAK for bytes that hold no frame (garbage, an oversized or unfinished frame), with the receiver's time.</summary>
    public byte[] Nak() => Dc09FrameWriter.Nak(_time.GetUtcNow());

    /// <summary>
    /// Records an answer's time once its send has returned. Both instants are <see cref="Stopwatch"/> time stamps,
    /// not the injected clock's: this measures the receiver's real work for /metrics (no decision depends on it),
    /// and a fake clock would record zero.
    /// </summary>
    public void Sent(long receivedAt, long sentAt, KeyValuePair<string, object?> transport) =>
        _duration.Record(Stopwatch.GetElapsedTime(receivedAt, sentAt).TotalSeconds, transport);
}
