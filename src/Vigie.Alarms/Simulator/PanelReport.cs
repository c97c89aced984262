namespace Vigie.Alarms.Simulator;

/// <summary>What the receiver answered to a panel simulator run, with answer latencies (send to answer received).</summary>
/// <param name="EventAcks">Acknowledged messages that carried an event (not link tests): what the receiver must have stored.</param>
public sealed record PanelReport(long Sent, long Acks, long EventAcks, long Naks, long Duhs, long Timeouts, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? (Acks + Duhs) / Elapsed.TotalSeconds : 0;

    public override string ToString() =>
        FormattableString.Invariant($"sent {Sent}, ACK {Acks} ({EventAcks} with an event), NAK {Naks}, DUH {Duhs}, timeouts {Timeouts} in {Elapsed.TotalSeconds:F1} s ({PerSecond:F0}/s); latency p50 {P50Milliseconds:F2} ms, p99 {P99Milliseconds:F2} ms, max {MaxMilliseconds:F2} ms");
}
