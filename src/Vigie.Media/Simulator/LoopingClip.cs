using System.Runtime.CompilerServices;
using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

/// <summary>
/// Plays a clip in a loop at its frame rate, paced against the clock from a fixed origin (no drift).
/// Each camera starts at a random offset into the clip so that a wall of simulated cameras is not in
/// lockstep. RTP timestamps keep increasing across loops, as a real camera's do.
/// </summary>
public sealed class LoopingClip(SimulatorSource source) : IFrameSource
{
    public ParameterSets? Parameters => source.Units[0].Parameters;

    public async IAsyncEnumerable<ServedFrame> ReadAsync(TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var keyframes = source.Units.Select((u, i) => (u, i)).Where(x => x.u.IsKeyframe).Select(x => x.i).ToArray();
        var index = keyframes[Random.Shared.Next(keyframes.Length)];
        var ticksPerFrame = 90_000 / source.FramesPerSecond;
        var rtpOrigin = (uint)Random.Shared.Next();
        // Each camera on its own schedule, as real cameras are. (A shared grid — every camera's frames due at
        // the same instants — saved the simulator's timers but sent 1,000 cameras' frames in one burst every
        // 40 ms: at 1,000 cameras it lost frames the host would not have, docs/benchmarks.md.)
        var origin = time.GetUtcNow();
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var due = origin + (source.FrameInterval * n);
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            yield return new ServedFrame(source.Units[index], unchecked(rtpOrigin + (uint)Math.Round(n * ticksPerFrame)), due);
            index = (index + 1) % source.Units.Count;
        }
    }
}
