namespace Vigie.Bench.Live;

/// <param name="Runs">Repetitions of each measurement (medians are reported).</param>
/// <param name="WindowSeconds">Length of each latency and fan-out window.</param>
/// <param name="Viewers">WebSocket viewers in the fan-out phase, spread over the cameras.</param>
/// <param name="Cameras">Simulated cameras (720p, 2 Mbit/s, 25 fps, 1 s GOP).</param>
/// <param name="Openings">Tiles opened per run for the time-to-first-frame figure.</param>
public sealed record LiveBenchOptions(int Runs, int WindowSeconds, int Viewers, int Cameras, int Openings);
