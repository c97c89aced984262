using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Vigie.Alarms.Dc09;
using static Vigie.Alarms.Tests.Receiver.ReceiverHarness;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>
/// The latency the floor is about — from the receipt of a frame's last byte to the send of its
/// answer — is recorded by the receiver for every answer, on /metrics (the benchmark reads it there).
/// </summary>
public sealed class AnswerMetricsTests
{
    [Fact]
    public async Task Every_answer_records_its_time_from_receipt_to_send_with_its_transport()
    {
        await using var harness = Create();
        var recorded = new ConcurrentQueue<(double Seconds, object? Transport)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, harness.Meter) && instrument.Name == "vigie.dc09.answer.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            object? transport = null;
            foreach (var tag in tags)
            {
                transport = tag.Key == "transport" ? tag.Value : transport;
            }

            recorded.Enqueue((value, transport));
        });
        listener.Start();

        using var panel = await harness.ConnectAsync();
        Assert.Equal(Dc09Frame.Ack, (await ExchangeAsync(panel, Message(Dc09Frame.SiaDcs, 1, "1234", "#1234|Nri1/BA001", Start))).Type);
        var corrupted = Message(Dc09Frame.SiaDcs, 2, "1234", "#1234|Nri1/BA002", Start);
        corrupted[3] = corrupted[3] == (byte)'0' ? (byte)'1' : (byte)'0';
        Assert.Equal(Dc09Frame.Nak, (await ExchangeAsync(panel, corrupted)).Type);

        // Recorded once the send has returned, which may be just after the panel reads the answer.
        for (var i = 0; i < 100 && recorded.Count < 2; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, r =>
        {
            Assert.Equal("tcp", r.Transport);
            Assert.InRange(r.Seconds, double.Epsilon, 10);
        });
    }
}
