using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Evaluation;
using Vigie.Analytics.Frames;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Rules;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;

/// <summary>Where the analysis time goes on vtest.avi at 320 px, 5 fps: HOG alone on every moving region, each engine, the whole analyzer with and without HOG.</summary>
internal static class HogProfile
{
    public static async Task<int> RunAsync()
    {
        var runner = new FfmpegRunner(NullLogger.Instance);
        const string path = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
        var info = await VideoFileFrames.ProbeAsync(runner, path, CancellationToken.None);
        var frames = new List<GrayFrame>();
        await foreach (var f in VideoFileFrames.ReadAsync(runner, path, info, 320, 5, FileAnalysis.Origin, CancellationToken.None))
        {
            frames.Add(f);
        }

        using var hog = new HogPeopleDetector();
        var motion = new MotionDetector(frames[0].Width, frames[0].Height, new MotionOptions());
        var (regions, calls, people) = (0, 0, 0);
        var watch = new Stopwatch();
        foreach (var frame in frames)
        {
            var boxes = motion.Process(frame).Boxes;
            if (boxes.Count == 0)
            {
                continue;
            }

            calls++;
            regions += Math.Min(6, boxes.Count);
            watch.Start();
            people += hog.Detect(frame, boxes).Count(d => d.Score >= 0.5);
            watch.Stop();
        }

        Console.WriteLine($"{frames.Count} frames, {calls} with motion, {regions} regions searched; HOG {watch.Elapsed.TotalMilliseconds / calls:F2} ms per frame, {watch.Elapsed.TotalMilliseconds / regions:F2} ms per region, {people} people found; OpenCV threads {Cv2.GetNumThreads()}");

        {
            var m = new MotionDetector(frames[0].Width, frames[0].Height, new MotionOptions());
            var t = new Vigie.Analytics.Tamper.TamperDetector(new Vigie.Analytics.Tamper.TamperOptions());
            var st = new Vigie.Analytics.Static.StaticChangeDetector(frames[0].Width, frames[0].Height, new Vigie.Analytics.Static.StaticOptions());
            var (wm, wt, ws) = (new Stopwatch(), new Stopwatch(), new Stopwatch());
            foreach (var frame in frames)
            {
                wm.Start(); m.Process(frame); wm.Stop();
                wt.Start(); t.Process(frame); wt.Stop();
                ws.Start(); st.Process(frame, relearn: false); ws.Stop();
            }

            Console.WriteLine($"per frame: motion {wm.Elapsed.TotalMilliseconds / frames.Count:F3} ms, tamper {wt.Elapsed.TotalMilliseconds / frames.Count:F3} ms, static {ws.Elapsed.TotalMilliseconds / frames.Count:F3} ms");
        }

        // The whole analyzer as the host runs it (OpenCV single-threaded, the detector's schedule), CPU per frame.
        HogPeopleDetector.SingleThreaded();
        var rules = RuleSet.Parse("""{ "rules": [ { "id": "parvis", "kind": "intrusion", "classes": ["person"] }, { "id": "passage", "kind": "line", "line": [[384, 576], [384, 200]] } ] }""");
        foreach (var withHog in new[] { false, true, false, true })
        {
            using var detector = withHog ? new HogPeopleDetector() : null;
            var analyzer = new CameraAnalyzer(frames[0].Width, frames[0].Height, info.Width, rules, new AnalyzerOptions(), detector);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var frame in frames)
            {
                analyzer.Process(frame);
            }

            var used = Process.GetCurrentProcess().TotalProcessorTime - before;
            Console.WriteLine($"analyzer {(withHog ? "with HOG" : "without a detector")}: {used.TotalMilliseconds / frames.Count:F2} ms CPU per frame ({used.TotalMilliseconds / frames.Count * 5 / 1000:F4} core per camera at 5 fps)");
        }

        return 0;
    }
}

/// <summary>vtest.avi's evaluation with the people detector searching pictures DETAIL px wide (768: as the file; 320: as a camera's substream), FPS pictures a second, a found person searched again after RECHECK s.</summary>
internal static class FootageAt
{
    public static async Task<int> RunAsync(int detail, double fps, double recheckPerson)
    {
        using var hog = new HogPeopleDetector();
        var report = await FootageEvaluation.RunAsync(new FfmpegRunner(NullLogger.Instance), "/usr/share/doc/opencv-doc/examples/data/vtest.avi", FootageTruth.Load("vtest"),
            new FileAnalysisOptions { DetailWidth = detail, Fps = fps, Analyzer = new AnalyzerOptions { RecheckPerson = TimeSpan.FromSeconds(recheckPerson) } }, hog, CancellationToken.None);
        foreach (var line in report.Lines())
        {
            Console.WriteLine(line);
        }

        return 0;
    }
}
