using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Evaluation;
using Vigie.Analytics.Frames;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Rules;
using Vigie.Media.Ffmpeg;

namespace Vigie.Server.Cli;

/// <summary>`vigie analytics run|eval`: the video analytics over a file, and their measured accuracy.</summary>
internal static class AnalyticsCommand
{
    public static Command Create() => new("analytics", "Video analytics: run the rules over a video file, or measure their accuracy")
    {
        Run(),
        Eval(),
    };

    private static Option<string> DetectorOption() => new("--detector")
    {
        Description = "People detector on the moving regions: hog (OpenCV's HOG) or none (the regions' shape only)",
        DefaultValueFactory = _ => "hog",
    };

    private static Command Run()
    {
        var source = new Option<string>("--source") { Description = "Video file to analyse", Required = true };
        var rules = new Option<string>("--rules") { Description = "Rules file (JSON, docs/analytics.md); coordinates in pixels of the source", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON line per event instead of text" };
        var detector = DetectorOption();
        var command = new Command("run", "Run detection and rules over a video file and print one line per event: rule, kind, track, start and end in seconds, box")
        {
            source, rules, json, detector,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            RuleSet set;
            try
            {
                set = RuleSet.Parse(await File.ReadAllTextAsync(result.GetValue(rules)!, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is RuleException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"vigie: the rules cannot be used: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            if (Detector(result.GetValue(detector)!, out var objects) is { } refused)
            {
                await Console.Error.WriteLineAsync(refused.Message).ConfigureAwait(false);
                return refused.Exit;
            }

            using var used = objects;
            var runner = new FfmpegRunner(NullLogger.Instance);
            var asJson = result.GetValue(json);
            var open = new Dictionary<(string, int), RuleEvent>();
            DateTimeOffset last = FileAnalysis.Origin;
            try
            {
                await foreach (var frame in FileAnalysis.RunAsync(runner, result.GetValue(source)!, set, new FileAnalysisOptions(), used, cancellationToken).ConfigureAwait(false))
                {
                    last = frame.At;
                    foreach (var fired in frame.Rules.Fired)
                    {
                        if (fired.End is not null)
                        {
                            Print(fired, asJson);
                        }
                        else
                        {
                            open[(fired.RuleId, fired.Track)] = fired;
                        }
                    }

                    foreach (var ended in frame.Rules.Ended)
                    {
                        open.Remove((ended.RuleId, ended.Track));
                        Print(ended, asJson);
                    }
                }
            }
            catch (Exception ex) when (ex is FfmpegException or FileNotFoundException)
            {
                await Console.Error.WriteLineAsync($"vigie: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            // What still lasts when the file ends, ends with it.
            foreach (var still in open.Values.OrderBy(e => e.Fired))
            {
                Print(still with { End = last }, asJson);
            }

            return 0;
        });
        return command;
    }

    private static Command Eval()
    {
        var quick = new Option<bool>("--quick") { Description = "One variation of each synthetic scene and vtest.avi (what CI runs); without it five variations" };
        var detector = DetectorOption();
        var command = new Command("eval", "Measure the analytics on synthetic scenes with exact ground truth and on real footage (vtest.avi) with hand-written truth: precision, recall, F1 and delay per rule and scene")
        {
            quick, detector,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (Detector(result.GetValue(detector)!, out var probe) is { } refused)
            {
                await Console.Error.WriteLineAsync(refused.Message).ConfigureAwait(false);
                return refused.Exit;
            }

            probe?.Dispose();
            var name = result.GetValue(detector)!;
            Console.WriteLine($"synthetic scenes ({(result.GetValue(quick) ? 1 : 5)} variation(s) of 9), detector {name}:");
            var synthetic = Evaluator.Run(SceneLibrary.All(result.GetValue(quick) ? 1 : 5), new AnalyzerOptions(), () => Detector(name, out var d) is null ? d : null);
            foreach (var line in synthetic.Lines())
            {
                Console.WriteLine(line);
            }

            var footage = Path.Combine(FootageTruth.OpenCvData, "vtest.avi");
            Console.WriteLine($"real footage {footage}, detector {name}:");
            try
            {
                Detector(name, out var used);
                using var _ = used;
                var real = await FootageEvaluation.RunAsync(new FfmpegRunner(NullLogger.Instance), footage, FootageTruth.Load("vtest"), new FileAnalysisOptions(), used, cancellationToken).ConfigureAwait(false);
                foreach (var line in real.Lines())
                {
                    Console.WriteLine(line);
                }
            }
            catch (Exception ex) when (ex is FfmpegException or FileNotFoundException)
            {
                await Console.Error.WriteLineAsync($"vigie: {ex.Message} (install Debian's opencv-doc and ffmpeg: scripts/install-deps.sh)").ConfigureAwait(false);
                return 1;
            }

            return 0;
        });
        return command;
    }

    /// <summary>The detector named, or why there is none: a wrong name (exit 2), OpenCV's runtime not loadable (exit 1).</summary>
    private static (string Message, int Exit)? Detector(string name, out IObjectDetector? detector)
    {
        detector = null;
        switch (name)
        {
            case "none":
                return null;
            case "hog":
                detector = HogPeopleDetector.TryCreate(out var problem);
                return problem is null
                    ? null
                    : ($"vigie: the people detector cannot be loaded ({problem}); run scripts/install-deps.sh, or use --detector none", 1);
            default:
                return ("vigie: --detector is hog or none", 2);
        }
    }

    private static void Print(RuleEvent e, bool json)
    {
        var start = (e.Start - FileAnalysis.Origin).TotalSeconds;
        var end = ((e.End ?? e.Fired) - FileAnalysis.Origin).TotalSeconds;
        var kind = JsonSerializer.Serialize(e.Kind, RuleSet.Json).Trim('"');
        Console.WriteLine(json
            ? JsonSerializer.Serialize(new
            {
                rule = e.RuleId,
                kind,
                track = e.Track,
                start = Math.Round(start, 2),
                end = Math.Round(end, 2),
                fired = Math.Round((e.Fired - FileAnalysis.Origin).TotalSeconds, 2),
                box = new[] { e.Box.X, e.Box.Y, e.Box.Width, e.Box.Height },
                @class = e.Class.ToString().ToLowerInvariant(),
            })
            : string.Create(CultureInfo.InvariantCulture, $"{start,8:F1} s – {end,8:F1} s  {kind,-10} {e.RuleId,-20} object {e.Track,-5} {e.Class.ToString().ToLowerInvariant(),-8} box {e.Box.X},{e.Box.Y} {e.Box.Width}×{e.Box.Height}"));
    }
}
