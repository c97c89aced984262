using System.Buffers.Binary;
using Vigie.Media.Codecs;
using Vigie.Media.Rtp;

namespace Vigie.Media.Simulator;

/// <summary>
/// One path of the simulator (/camN): plays its source in a loop at the source's frame rate, packetises
/// each frame once and hands the same packets to every playing client. Sends an RTCP sender report every
/// second (RFC 3550 §6.4.1) mapping RTP time to the wall clock at which the frame was served.
/// </summary>
public sealed class SimulatedCamera
{
    public const byte PayloadType = 96;

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly List<ISimulatedClient> _clients = [];
    private readonly H264Packetizer _packetizer;
    private readonly uint _ssrc;
    private readonly TimeProvider _time;
    private uint _packets;
    private uint _octets;
    private DateTimeOffset _nextReport;

    public SimulatedCamera(string path, IFrameSource source, TimeProvider time, bool faulty = false)
    {
        Path = path;
        Source = source;
        _time = time;
        _ssrc = (uint)Random.Shared.Next();
        _packetizer = new H264Packetizer(PayloadType, _ssrc, (ushort)Random.Shared.Next(ushort.MaxValue));
        Faults = faulty ? new FaultInjector(_ssrc) : null;
    }

    /// <summary>Set when this camera sends hostile packets between its frames (<c>camsim --faulty N</c>).</summary>
    public FaultInjector? Faults { get; }

    public string Path { get; }

    public IFrameSource Source { get; }

    /// <summary>Parameter sets announced in the SDP (sprop-parameter-sets).</summary>
    public ParameterSets? Parameters => Source.Parameters;

    public int ClientCount
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    public void Add(ISimulatedClient client)
    {
        lock (_lock)
        {
            _clients.Add(client);
        }
    }

    public void Remove(ISimulatedClient client)
    {
        lock (_lock)
        {
            _clients.Remove(client);
        }
    }

    /// <summary>Plays until cancelled. Frames are produced even without clients so that time keeps flowing.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in Source.ReadAsync(_time, cancellationToken).ConfigureAwait(false))
        {
            var batch = new PacketBatch(frame.Unit.LengthPrefixedNalUnits.Length + 256, frame.Unit.IsKeyframe, isRtcp: false);
            void Add(ReadOnlySpan<byte> packet)
            {
                batch.Add(packet);
                _octets += (uint)(packet.Length - RtpPacket.FixedHeaderLength);
            }

            if (frame.Unit.IsKeyframe)
            {
                // In band before every keyframe, as cameras send them: a receiver that joins late or a
                // change of resolution needs no new SDP.
                foreach (var nal in frame.Unit.Parameters.Sps.Concat(frame.Unit.Parameters.Pps))
                {
                    _packetizer.PacketizeNal(nal, frame.RtpTimestamp, lastOfAccessUnit: false, Add);
                }
            }

            _packetizer.PacketizeAccessUnit(frame.Unit.LengthPrefixedNalUnits, frame.RtpTimestamp, Add);
            _packets += (uint)batch.PacketCount;
            Broadcast(batch);
            batch.Release();
            if (Faults?.AfterFrame(frame.RtpTimestamp, _packetizer) is { } hostile)
            {
                Broadcast(hostile);
                hostile.Release();
            }

            var now = _time.GetUtcNow();
            if (now >= _nextReport)
            {
                _nextReport = now + ReportInterval;
                var report = new PacketBatch(64, isKeyframe: false, isRtcp: true);
                // A camera dates its report from its capture clock: the frame's due time, not the moment a loaded
                // simulator got round to sending it (which would make the mapping jitter by the load).
                report.Add(SenderReport(frame.CapturedAt ?? now, frame.RtpTimestamp));
                Broadcast(report);
                report.Release();
            }
        }
    }

    private void Broadcast(PacketBatch batch)
    {
        lock (_lock)
        {
            for (var i = _clients.Count - 1; i >= 0; i--)
            {
                if (!_clients[i].Offer(batch))
                {
                    _clients.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>An RTCP SR (RFC 3550 §6.4.1) for the frame just served: its RTP time is "now".</summary>
    private byte[] SenderReport(DateTimeOffset now, uint rtpTimestamp)
    {
        var report = new byte[28];
        report[0] = 0x80;
        report[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(report.AsSpan(2), 6);
        BinaryPrimitives.WriteUInt32BigEndian(report.AsSpan(4), _ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(report.AsSpan(8), NtpTime.FromDateTimeOffset(now));
        BinaryPrimitives.WriteUInt32BigEndian(report.AsSpan(16), rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(report.AsSpan(20), _packets);
        BinaryPrimitives.WriteUInt32BigEndian(report.AsSpan(24), _octets);
        return report;
    }
}
