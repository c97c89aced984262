using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Receiver;

/// <summary>Copies the frames the splitter finds (its spans live only during the call) and notes what it discarded.</summary>
internal sealed class Dc09FrameCollector(ILogger logger, string remote) : Dc09FrameSplitter.IHandler
{
    private bool _oversized;

    /// <summary>The frames found so far; the caller clears the list once it has taken them.</summary>
    public List<byte[]> Frames { get; } = [];

    public void OnFrame(ReadOnlySpan<byte> frame) => Frames.Add(frame.ToArray());

    public void OnDiscarded(int bytes, string reason)
    {
        _oversized |= reason.StartsWith("frame longer", StringComparison.Ordinal);
        Dc09ServerLog.Discarded(logger, remote, bytes, reason);
    }

    /// <summary>Whether an oversized frame was discarded since the last call (it is answered NAK).</summary>
    public bool TakeOversized()
    {
        var oversized = _oversized;
        _oversized = false;
        return oversized;
    }
}
