using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Bench.Mp4;

/// <summary>
/// Muxing one 25-frame fragment (one GOP at 25 fps) of 720p-sized samples: a 60 KB keyframe and
/// 24 P-frames of 8 KB, about 2 Mbit/s. Figures are per muxed frame (OperationsPerInvoke = 25);
/// the target is no allocation per frame (STYLE.md habit 10).
/// </summary>
[MemoryDiagnoser]
public class FragmentMuxBenchmark
{
    private const int Frames = 25;

    // SPS/PPS of libx264 at 1280x720 (High, level 3.1), so the fragmenter can write a real init.
    private static readonly byte[] Sps = Convert.FromHexString("6764001facb200a00b760220000003002000000641e30649");
    private static readonly byte[] Pps = Convert.FromHexString("68ebc3cb22c0");

    private readonly AccessUnit[] _units = new AccessUnit[Frames];
    private PooledBufferWriter _output = null!;
    private Mp4Fragmenter _fragmenter = null!;
    private long _sink;

    [GlobalSetup]
    public void Setup()
    {
        var parameters = new ParameterSets(VideoCodec.H264, [], [Sps], [Pps]);
        var random = new Random(42);
        for (var i = 0; i < Frames; i++)
        {
            var payload = new byte[i == 0 ? 60_000 : 8_000];
            random.NextBytes(payload);
            BinaryPrimitives.WriteInt32BigEndian(payload, payload.Length - 4);
            payload[4] = (byte)(i == 0 ? 0x65 : 0x41); // IDR slice / non-IDR slice
            _units[i] = AccessUnit.Copy(payload, VideoCodec.H264, i * 3600L, i == 0, parameters, null, default);
        }

        _output = new PooledBufferWriter();
        _fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), new CountingSink(this));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fragmenter.Dispose();
        _output.Dispose();
        foreach (var unit in _units)
        {
            unit.Release();
        }
    }

    /// <summary>moof + mdat for 25 samples into a reused pooled buffer.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public int WriteFragment()
    {
        _output.Clear();
        return Mp4FragmentWriter.Write(_output, 1, 0, _units, 3600, out _);
    }

    /// <summary>
    /// The fragmenter path a camera takes: push 25 frames; the keyframe of the next invocation closes
    /// the previous fragment (its timestamps restart, so the last duration falls back to the previous step).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long PushGop()
    {
        foreach (var unit in _units)
        {
            _fragmenter.Push(unit);
        }

        return _sink;
    }

    private sealed class CountingSink(FragmentMuxBenchmark owner) : IMp4FragmentSink
    {
        public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters) =>
            owner._sink += initSegment.Length;

        public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info) => owner._sink += fragment.Length;
    }
}
