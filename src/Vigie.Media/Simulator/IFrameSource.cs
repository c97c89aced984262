using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

/// <summary>Where a simulated camera's frames come from: a looping clip or a live encoder.</summary>
public interface IFrameSource
{
    /// <summary>Known once the first keyframe is available (immediately for clips).</summary>
    ParameterSets? Parameters { get; }

    /// <summary>Frames at the pace they are to be served, with their RTP timestamps (90 kHz).</summary>
    IAsyncEnumerable<ServedFrame> ReadAsync(TimeProvider time, CancellationToken cancellationToken);
}
