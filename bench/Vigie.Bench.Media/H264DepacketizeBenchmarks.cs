using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Vigie.Media.Codecs;
using Vigie.Media.Rtp;

namespace Vigie.Bench.Media;

/// <summary>
/// Per-packet cost of H.264 depacketisation on an FU-A heavy stream shaped like a 1080p camera at
/// ~4 Mbit/s, 25 fps: one GOP of a 150 kB IDR frame and 24 P-frames of 15 kB, with SPS/PPS before the
/// IDR, packetised at MTU 1400. Each invocation replays the GOP; sequence numbers are rewritten in place
/// first (2 bytes per packet) so the depacketiser sees a continuous stream, not duplicates.
/// Results are per packet (OperationsPerInvoke). The only allocation expected is the AccessUnit object
/// per frame; buffers come from the pool.
/// </summary>
[MemoryDiagnoser]
public class H264DepacketizeBenchmarks
{
    private const int Frames = 25;

    /// <summary>SPS + PPS + 109 FU-A for the IDR + 24 × 11 FU-A for the P-frames, at MTU 1400.</summary>
    private const int PacketsPerGop = 375;

    private readonly List<byte[]> _packets = [];
    private H264Depacketizer _depacketizer = null!;
    private ushort _sequence;

    private const int Mtu = 1400;

    [GlobalSetup]
    public void Setup()
    {
        var packetizer = new H264Packetizer(96, ssrc: 1, mtu: Mtu);
        byte[] sps = [0x67, 0x64, 0x00, 0x28, 0xAC, 0xD9, 0x40, 0x78, 0x02, 0x27, 0xE5, 0x84];
        byte[] pps = [0x68, 0xEB, 0xE3, 0xCB, 0x22, 0xC0];
        var random = new Random(1);
        for (var frame = 0; frame < Frames; frame++)
        {
            var slice = new byte[frame == 0 ? 150_000 : 15_000];
            random.NextBytes(slice);
            slice[0] = frame == 0 ? (byte)0x65 : (byte)0x41;
            var timestamp = (uint)(frame * 3600);
            if (frame == 0)
            {
                packetizer.PacketizeNal(sps, timestamp, lastOfAccessUnit: false, packet => _packets.Add(packet.ToArray()));
                packetizer.PacketizeNal(pps, timestamp, lastOfAccessUnit: false, packet => _packets.Add(packet.ToArray()));
            }

            packetizer.PacketizeNal(slice, timestamp, lastOfAccessUnit: true, packet => _packets.Add(packet.ToArray()));
        }

        if (_packets.Count != PacketsPerGop)
        {
            throw new InvalidOperationException($"The GOP has {_packets.Count} packets, OperationsPerInvoke says {PacketsPerGop}.");
        }

        _depacketizer = new H264Depacketizer(new ParameterSets(VideoCodec.H264, [], [sps], [pps]), new CountingSink(), new DepacketizerOptions { PayloadType = 96 });
    }

    [GlobalCleanup]
    public void Cleanup() => _depacketizer.Dispose();

    /// <summary>One GOP, reported per packet.</summary>
    [Benchmark(OperationsPerInvoke = PacketsPerGop)]
    public void DepacketizeFuAGop()
    {
        var arrival = DateTimeOffset.UnixEpoch;
        foreach (var packet in _packets)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
            _depacketizer.PushRtp(packet, arrival);
        }
    }
}
