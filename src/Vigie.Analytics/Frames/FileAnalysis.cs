using System.Runtime.CompilerServices;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Rules;
using Vigie.Media.Ffmpeg;

namespace Vigie.Analytics.Frames;

/// <summary>How a video file is analysed: rate and sizes of the frames.</summary>
public sealed record FileAnalysisOptions
{
    public double Fps { get; init; } = 5;

    /// <summary>Width of the pictures motion, tracking and rules run on.</summary>
    public int Width { get; init; } = 320;

    /// <summary>
    /// Width of the pictures a detector searches, capped at the source's: a file has the time for its detail (people
    /// are small at 320 px). <see cref="LiveWidth"/> searches the analysis picture, as the host does with a camera.
    /// </summary>
    public int DetailWidth { get; init; } = 768;

    /// <summary>The same analysis as a camera's substream gets live: the detector on the 320-px analysis picture.</summary>
    public static FileAnalysisOptions Live => new() { DetailWidth = 320 };

    public AnalyzerOptions Analyzer { get; init; } = new();
}

/// <summary>Analytics over a video file, frame after frame: what `vigie analytics run` prints and the evaluation scores.</summary>
public static class FileAnalysis
{
    /// <summary>The file's start: frames and events are dated from it (seconds from the start are what users read).</summary>
    public static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async IAsyncEnumerable<FrameAnalysis> RunAsync(
        FfmpegRunner runner,
        string path,
        RuleSet rules,
        FileAnalysisOptions options,
        IObjectDetector? detector,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var info = await VideoFileFrames.ProbeAsync(runner, path, cancellationToken).ConfigureAwait(false);
        var readWidth = detector is null ? options.Width : Math.Max(options.Width, Math.Min(info.Width, options.DetailWidth));
        var height = VideoFileFrames.HeightFor(info, options.Width);
        var analyzer = new CameraAnalyzer(options.Width, height, info.Width, rules, options.Analyzer, detector);
        await foreach (var frame in VideoFileFrames.ReadAsync(runner, path, info, readWidth, options.Fps, Origin, cancellationToken).ConfigureAwait(false))
        {
            var small = frame.Width == options.Width ? frame : frame.Shrink(options.Width);
            if (small.Height != height)
            {
                small = new Motion.GrayFrame(options.Width, height, Fit(small, height), small.At);
            }

            yield return analyzer.Process(small, frame.Width == options.Width ? null : frame);
        }
    }

    /// <summary>Rounding may leave the shrunk picture a row off the analysis height: repeat or drop the last row.</summary>
    private static byte[] Fit(Motion.GrayFrame frame, int height)
    {
        var pixels = new byte[frame.Width * height];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(frame.Pixels, Math.Min(y, frame.Height - 1) * frame.Width, pixels, y * frame.Width, frame.Width);
        }

        return pixels;
    }
}
