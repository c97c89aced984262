using System.Runtime.CompilerServices;
using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

/// <summary>
/// Plays a clip in a loop at its frame rate, paced against the clock from a fixed origin (no drift).
/// Each camera starts at a random offset into the clip so that a wall of simulated cameras does not show
/// the same picture; the frames' send times are on a shared grid (cheaper timers). RTP timestamps keep increasing across loops, as a real camera's do.
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
        // On a grid of the frame interval: every camera of the same frame rate has its frames due at the same
        // instants, so the simulator's timers fire together (one wake-up per frame interval for the whole wall
        // instead of one per camera and frame: at 1,000 cameras, 25 instead of 25,000 a second).
        var now = time.GetUtcNow();
        var interval = source.FrameInterval.Ticks;
        var origin = new DateTimeOffset(((now.UtcTicks / interval) + 1) * interval, TimeSpan.Zero);
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var due = origin + (source.FrameInterval * n);
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            yield return new ServedFrame(source.Units[index], unchecked(rtpOrigin + (uint)Math.Round(n * ticksPerFrame)));
            index = (index + 1) % source.Units.Count;
        }
    }
}
