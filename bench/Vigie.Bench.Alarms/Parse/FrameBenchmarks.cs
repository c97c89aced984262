using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Intake;
using Vigie.Alarms.Payloads;
using Vigie.Alarms.Receiver;
using Vigie.Domain.Alarms;

namespace Vigie.Bench.Alarms.Parse;

/// <summary>
/// The receiver's cost per frame, without sockets or database: parse (CRC, length, fields), decrypt (AES-128)
/// and decode one frame, and the whole <see cref="Dc09Receiver.HandleAsync"/> path (parse, decode, signal,
/// retransmission check, group commit into a store that returns at once, ACK) — with allocations per frame.
/// </summary>
[MemoryDiagnoser]
public class FrameBenchmarks : IDisposable
{
    private byte[] _plainSia = null!;
    private byte[] _aesSia = null!;
    private byte[] _plainCid = null!;
    private readonly Func<string, byte[]?> _keyOf = account => account == "ABCD" ? BenchAccounts.Key : null;
    private Meter _meter = null!;
    private SignalBatcher _batcher = null!;
    private Dc09Receiver _receiver = null!;
    private int _sequence;

    [GlobalSetup]
    public void Setup()
    {
        var now = Dc09Timestamp.Write(TimeProvider.System.GetUtcNow());
        _plainSia = Body(Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 42, "1", "1", "1234", "#1234|Nri1/BA012]" + now));
        _aesSia = Body(Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 42, "1", "1", "ABCD", "#ABCD|Nri1/BA012]" + now, BenchAccounts.Key));
        _plainCid = Body(Dc09FrameWriter.Write(Dc09Frame.ContactId, 42, "1", "1", "1234", "#1234|1130 01 012]" + now));
        _meter = new Meter("bench");
        _batcher = new SignalBatcher(new NoStore(), NullLogger.Instance);
        _receiver = new Dc09Receiver(new BenchAccounts(), _batcher, TimeProvider.System, new Dc09ReceiverOptions(), AlarmPriorities.Default, new ToleratedDeviations(_meter, NullLogger.Instance), _meter, NullLogger.Instance);
    }

    /// <summary>The frame without its LF and CR, as the splitter hands it over.</summary>
    private static byte[] Body(byte[] frame) => frame[1..^1];

    [Benchmark(Baseline = true, Description = "Parse + decode SIA-DCS, clear")]
    public DecodedPayload PlainSia() => SiaDc03Codec.Decode(Dc09Parser.Parse(_plainSia, _keyOf).Frame!.Payload);

    [Benchmark(Description = "Parse + decrypt + decode SIA-DCS, AES-128")]
    public DecodedPayload AesSia() => SiaDc03Codec.Decode(Dc09Parser.Parse(_aesSia, _keyOf).Frame!.Payload);

    [Benchmark(Description = "Parse + decode ADM-CID, clear")]
    public DecodedPayload PlainCid() => ContactIdCodec.Decode(Dc09Parser.Parse(_plainCid, _keyOf).Frame!.Payload);

    /// <summary>A new sequence each call (with the time stamp of setup), so that no call is a retransmission.</summary>
    [Benchmark(Description = "Dc09Receiver.HandleAsync SIA-DCS, clear (no database)")]
    public Task<byte[]> HandleSia()
    {
        var sequence = (Interlocked.Increment(ref _sequence) % 9999) + 1;
        var frame = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, sequence, "1", "1", "1234", $"#1234|Nri1/BA{sequence % 997:D3}]");
        return _receiver.HandleAsync(frame.AsMemory(1, frame.Length - 2), "127.0.0.1:5000", CancellationToken.None);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _meter.Dispose();
        GC.SuppressFinalize(this);
    }
}
