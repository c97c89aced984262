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
        Description = "Object detector on the moving regions: hog (OpenCV's HOG people detector, the default), onnx (a YOLO-style model given by --model) or none (the regions' shape only)",
    };

    private static Option<string> ModelOption() => new("--model")
    {
        Description = "ONNX model file for the onnx detector (YOLOv5/YOLOv8-style output, docs/analytics.md); implies --detector onnx",
    };

    private static Command Run()
    {
        var source = new Option<string>("--source") { Description = "Video file to analyse", Required = true };
        var rules = new Option<string>("--rules") { Description = "Rules file (JSON, docs/analytics.md); coordinates in pixels of the source", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON line per event instead of text" };
        var detector = DetectorOption();
        var model = ModelOption();
        var command = new Command("run", "Run detection and rules over a video file and print one line per event: rule, kind, track, start and end in seconds, box")
        {
            source, rules, json, detector, model,
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

            if (Detector(result.GetValue(detector), result.GetValue(model), out var choice) is { } refused)
            {
                await Console.Error.WriteLineAsync(refused.Message).ConfigureAwait(false);
                return refused.Exit;
            }

            using var chosen = choice;
            using var used = choice!.ForCamera();
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
        var model = ModelOption();
        var command = new Command("eval", "Measure the analytics on synthetic scenes with exact ground truth and on real footage (vtest.avi) with hand-written truth: precision, recall, F1 and delay per rule and scene")
        {
            quick, detector, model,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (Detector(result.GetValue(detector), result.GetValue(model), out var choice) is { } refused)
            {
                await Console.Error.WriteLineAsync(refused.Message).ConfigureAwait(false);
                return refused.Exit;
            }

            using var chosen = choice!;
            var name = chosen.Description;
            Console.WriteLine($"synthetic scenes ({(result.GetValue(quick) ? 1 : 5)} variation(s) of 9), detector {name}:");
            var synthetic = Evaluator.Run(SceneLibrary.All(result.GetValue(quick) ? 1 : 5), new AnalyzerOptions(), chosen.ForCamera);
            foreach (var line in synthetic.Lines())
            {
                Console.WriteLine(line);
            }

            var footage = Path.Combine(FootageTruth.OpenCvData, "vtest.avi");
            Console.WriteLine($"real footage {footage}, detector {name}:");
            try
            {
                using (var used = chosen.ForCamera())
                {
                    var real = await FootageEvaluation.RunAsync(new FfmpegRunner(NullLogger.Instance), footage, FootageTruth.Load("vtest"), new FileAnalysisOptions(), used, cancellationToken).ConfigureAwait(false);
                    foreach (var line in real.Lines())
                    {
                        Console.WriteLine(line);
                    }
                }

                // The same footage as a camera's substream is analysed live: the detector on the 320-px picture.
                Console.WriteLine($"real footage {footage} as a camera's 320-px substream, detector {name}:");
                using (var used = chosen.ForCamera())
                {
                    var live = await FootageEvaluation.RunAsync(new FfmpegRunner(NullLogger.Instance), footage, FootageTruth.Load("vtest"), FileAnalysisOptions.Live, used, cancellationToken, label: "vtest-live").ConfigureAwait(false);
                    foreach (var line in live.Lines())
                    {
                        Console.WriteLine(line);
                    }
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

    /// <summary>The detector chosen, or why there is none: a wrong name (exit 2), the detector not loadable (exit 1).</summary>
    private static (string Message, int Exit)? Detector(string? kind, string? model, out DetectorChoice? choice)
    {
        choice = null;
        try
        {
            choice = DetectorChoice.Open(kind, model);
        }
        catch (ArgumentException ex)
        {
            return ($"vigie: {ex.Message}", 2);
        }

        if (choice.Problem is { } problem)
        {
            choice.Dispose();
            choice = null;
            return ($"vigie: {problem}; run scripts/install-deps.sh for OpenCV, check the model file, or use --detector none", 1);
        }

        return null;
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
