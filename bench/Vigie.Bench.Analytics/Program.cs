// Video analytics, measured (issue 13). Two benchmarks:
//
//   motion   — Vigie's motion detector against OpenCV's MOG2 (OpenCvSharp, one thread) on the same 320×180 grey
//              frames of the synthetic scenes (without the tamper ones): frames per second per core, and each one's
//              F1 at finding the people and vans walking (a person is found in a frame when a moving region covers
//              30 % of its box; a region on nobody and on no left or taken object is a false one). Both give boxes:
//              MOG2's foreground is opened (3×3) and its outer contours over the same minimum area are the regions.
//   cameras  — end to end as the host runs it: per camera a StreamDecoder (an ffmpeg child) fed a 640×360 H.264
//              25 fps stream at its real pace, and a CameraAnalyzer (motion, the HOG people detector on the moving
//              regions, tracker, rules) on its 5 pictures a second. CPU of this process and its ffmpeg children per
//              camera, cameras per core, and memory (private pages) per camera.
//
//   dotnet run -c Release --project bench/Vigie.Bench.Analytics -- motion [RUNS]
//   dotnet run -c Release --project bench/Vigie.Bench.Analytics -- cameras CAMERAS [SECONDS] [hog|none]
//   dotnet run -c Release --project bench/Vigie.Bench.Analytics -- hog            (where the people detector's time goes at 320 px)
//   dotnet run -c Release --project bench/Vigie.Bench.Analytics -- footage WIDTH [FPS] [RECHECK]  (vtest.avi's evaluation, the detector on WIDTH-px pictures, FPS analysed, a person searched again after RECHECK s)
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

var mode = args.Length > 0 ? args[0] : "motion";
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformationText()}");
return mode switch
{
    "hog" => await HogProfile.RunAsync(),
    "footage" => await FootageAt.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5, args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0),
    "motion" => MotionBench.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5),
    "cameras" => await CamerasBench.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60, args.Length <= 3 || args[3] != "none"),
    _ => throw new ArgumentException("usage: motion [RUNS] | cameras CAMERAS [SECONDS]"),
};

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

/// <summary>Frames with the boxes of what walks in them (people, vans) and of what was left or taken (neither counts).</summary>
internal sealed record TruthFrame(GrayFrame Frame, IReadOnlyList<Box> Walking, IReadOnlyList<Box> Props, bool Scored);

internal static class MotionBench
{
    private const int Width = 320;
    private const int Height = 180;
    private const int Top = (SyntheticScene.Height - Height) / 2;

    public static int Run(int runs)
    {
        var scenes = SceneLibrary.All(1).Where(s => s.CoveredFrom is null && s.DefocusedFrom is null && s.ShiftedFrom is null).ToList();
        var frames = scenes.Select(Frames).ToList();
        Console.WriteLine($"motion: {frames.Sum(f => f.Count)} frames of {scenes.Count} synthetic scenes ({string.Join(", ", scenes.Select(s => s.Name))}), {Width}×{Height}");
        Cv2.SetNumThreads(1);
        var vigie = new List<double>();
        var mog2 = new List<double>();
        (double F1, int Tp, int Fp, int Fn) vigieScore = default, mogScore = default;
        for (var run = 1; run <= runs; run++)
        {
            var (vRate, vScore) = Measure(frames, () => new VigieMotion());
            var (mRate, mScore) = Measure(frames, () => new Mog2Motion());
            vigie.Add(vRate);
            mog2.Add(mRate);
            (vigieScore, mogScore) = (vScore, mScore);
            Console.WriteLine($"run {run}: Vigie {vRate:F0} frames/s per core (F1 {vScore.F1:F2}) | MOG2 {mRate:F0} (F1 {mScore.F1:F2}) | ratio {vRate / mRate:F1}");
        }

        Console.WriteLine($"median: Vigie {Median(vigie):F0} frames/s per core, F1 {vigieScore.F1:F2} (found {vigieScore.Tp}, missed {vigieScore.Fn}, false {vigieScore.Fp}) | " +
            $"MOG2 {Median(mog2):F0}, F1 {mogScore.F1:F2} (found {mogScore.Tp}, missed {mogScore.Fn}, false {mogScore.Fp}) | ratio {Median(vigie) / Median(mog2):F1}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static (double Rate, (double F1, int Tp, int Fp, int Fn) Score) Measure(List<List<TruthFrame>> scenes, Func<IMotion> create)
    {
        var results = new List<(TruthFrame Truth, IReadOnlyList<Box> Boxes)>();
        var cpu = TimeSpan.Zero;
        foreach (var scene in scenes)
        {
            using var motion = create();
            var boxes = new List<IReadOnlyList<Box>>(scene.Count);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var truth in scene)
            {
                boxes.Add(motion.Process(truth.Frame));
            }

            cpu += Process.GetCurrentProcess().TotalProcessorTime - before;
            results.AddRange(scene.Select((t, i) => (t, boxes[i])));
        }

        return (results.Count / cpu.TotalSeconds, Score(results));
    }

    private static (double F1, int Tp, int Fp, int Fn) Score(List<(TruthFrame Truth, IReadOnlyList<Box> Boxes)> results)
    {
        var (tp, fp, fn) = (0, 0, 0);
        foreach (var (truth, boxes) in results.Where(r => r.Truth.Scored))
        {
            foreach (var walker in truth.Walking)
            {
                if (boxes.Any(b => Covered(walker, b) >= 0.3))
                {
                    tp++;
                }
                else
                {
                    fn++;
                }
            }

            fp += boxes.Count(b => !truth.Walking.Concat(truth.Props).Any(t => Intersection(t, b) > 0));
        }

        var precision = tp + fp == 0 ? 1 : tp / (double)(tp + fp);
        var recall = tp + fn == 0 ? 1 : tp / (double)(tp + fn);
        return (precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall), tp, fp, fn);
    }

    private static int Intersection(Box a, Box b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double Covered(Box truth, Box found) => Intersection(truth, found) / (double)Math.Max(1, truth.Width * truth.Height);

    /// <summary>The scene's frames cut to 320×180 (the middle rows), with their truth; the first 2 s (learning) not scored.</summary>
    private static List<TruthFrame> Frames(SyntheticScene scene) => scene.Frames().Select(frame =>
    {
        var t = (frame.At - SyntheticScene.Origin).TotalSeconds;
        var pixels = frame.Pixels.AsSpan(Top * Width, Width * Height).ToArray();
        var walking = scene.Actors.Select(a => a.At(t) is { } foot ? Clip(new Box((int)Math.Round(foot.X) - (a.Width / 2), (int)Math.Round(foot.Y) - a.Height - Top, a.Width, a.Height)) : (Box?)null)
            .OfType<Box>().Where(b => b.Width > 4 && b.Height > 4).ToList();
        var props = scene.Props.Select(p => Clip(p.Box with { Y = p.Box.Y - Top })).Where(b => b.Width > 0 && b.Height > 0).ToList();
        return new TruthFrame(new GrayFrame(Width, Height, pixels, frame.At), walking, props, t >= 2);
    }).ToList();

    private static Box Clip(Box b)
    {
        var (x0, y0) = (Math.Max(0, b.X), Math.Max(0, b.Y));
        var (x1, y1) = (Math.Min(Width, b.X + b.Width), Math.Min(Height, b.Y + b.Height));
        return new Box(x0, y0, Math.Max(0, x1 - x0), Math.Max(0, y1 - y0));
    }
}

internal interface IMotion : IDisposable
{
    IReadOnlyList<Box> Process(GrayFrame frame);
}

internal sealed class VigieMotion : IMotion
{
    private MotionDetector? _detector;

    public IReadOnlyList<Box> Process(GrayFrame frame)
    {
        _detector ??= new MotionDetector(frame.Width, frame.Height, new MotionOptions());
        return _detector.Process(frame).Boxes;
    }

    public void Dispose()
    {
    }
}

/// <summary>OpenCV's MOG2 with its defaults (500 frames of history, variance threshold 16), shadows off, regions as Vigie's are kept.</summary>
internal sealed class Mog2Motion : IMotion
{
    private readonly BackgroundSubtractorMOG2 _mog = BackgroundSubtractorMOG2.Create(detectShadows: false);
    private readonly Mat _foreground = new();
    private readonly Mat _kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));

    public IReadOnlyList<Box> Process(GrayFrame frame)
    {
        using var picture = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC1, frame.Pixels);
        _mog.Apply(picture, _foreground);
        Cv2.MorphologyEx(_foreground, _foreground, MorphTypes.Open, _kernel);
        Cv2.FindContours(_foreground, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var minimum = new MotionOptions().MinimumArea * frame.Width * frame.Height;
        return contours.Select(Cv2.BoundingRect).Where(r => r.Width * r.Height >= minimum).Select(r => new Box(r.X, r.Y, r.Width, r.Height)).ToList();
    }

    public void Dispose()
    {
        _mog.Dispose();
        _foreground.Dispose();
        _kernel.Dispose();
    }
}

internal static class CamerasBench
{
    public static async Task<int> RunAsync(int cameras, double seconds, bool hog)
    {
        var units = await EncodeAsync();
        // As AnalyticsRunner does: one task per camera, OpenCV without threads of its own.
        HogPeopleDetector.SingleThreaded();
        Console.WriteLine($"cameras: {cameras} × 640×360 H.264 25 fps (vtest.avi scaled), analysed at 5 fps, {(hog ? "with the HOG people detector" : "no people detector")}, {seconds} s");
        var rules = RuleSet.Parse("""{ "rules": [ { "id": "parvis", "kind": "intrusion", "classes": ["person"] }, { "id": "passage", "kind": "line", "line": [[320, 360], [320, 120]] } ] }""");
        var runs = new List<CameraRun>();
        var baseline = Private(Environment.ProcessId);
        for (var i = 0; i < cameras; i++)
        {
            runs.Add(new CameraRun(i, units, rules, hog));
        }

        // A few seconds to start every decoder and fill every pipeline, then the measured window.
        using var stop = new CancellationTokenSource();
        var feeding = runs.Select(r => r.FeedAsync(stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var childrenBefore = runs.Sum(r => r.ChildCpu());
        var picturesBefore = runs.Sum(r => r.Pictures);
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var elapsed = watch.Elapsed.TotalSeconds;
        var own = (Process.GetCurrentProcess().TotalProcessorTime - ownBefore).TotalSeconds;
        var children = runs.Sum(r => r.ChildCpu()) - childrenBefore;
        var pictures = runs.Sum(r => r.Pictures) - picturesBefore;
        var memory = Private(Environment.ProcessId) - baseline + runs.Sum(r => r.ChildPrivate());
        await stop.CancelAsync();
        await Task.WhenAll(feeding);
        foreach (var run in runs)
        {
            await run.DisposeAsync();
        }

        var perCamera = (own + children) / elapsed / cameras;
        Console.WriteLine($"cpu: host {own / elapsed:F3} + decoders {children / elapsed:F3} cores for {cameras} cameras = {perCamera:F4} core per camera ({1 / perCamera:F1} cameras per core); " +
            $"pictures analysed {pictures / elapsed / cameras:F2}/s per camera; memory {memory / 1048576.0 / cameras:F1} MiB private per camera");
        return 0;
    }

    private static async Task<IReadOnlyList<AnnexBReader.Unit>> EncodeAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigie-bench-analytics-640x360.h264");
        if (!File.Exists(path))
        {
            await new FfmpegRunner(NullLogger.Instance).RunAsync(FfmpegRunner.Ffmpeg,
                ["-v", "error", "-i", "/usr/share/doc/opencv-doc/examples/data/vtest.avi", "-an", "-vf", "scale=640:360,fps=25", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-g", "50", "-b:v", "1M", "-f", "h264", path + ".part"],
                TimeSpan.FromMinutes(5), CancellationToken.None);
            File.Move(path + ".part", path, overwrite: true);
        }

        return AnnexBReader.ReadAll(await File.ReadAllBytesAsync(path));
    }

    /// <summary>Private memory (Private_Clean + Private_Dirty) of a process, from /proc.</summary>
    internal static long Private(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/smaps_rollup")
                .Where(l => l.StartsWith("Private_", StringComparison.Ordinal))
                .Sum(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds (user + system) of a process, from /proc (its own threads, not its children).</summary>
    internal static double Cpu(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>One camera: its frames at their real pace into a decoder, the analyzer on its pictures.</summary>
internal sealed class CameraRun : IAsyncDisposable
{
    private readonly IReadOnlyList<AnnexBReader.Unit> _units;
    private readonly StreamDecoder _decoder;
    private readonly RuleSet _rules;
    private readonly HogPeopleDetector? _detector;
    private readonly System.Threading.Channels.Channel<GrayFrame> _frames = System.Threading.Channels.Channel.CreateBounded<GrayFrame>(new System.Threading.Channels.BoundedChannelOptions(4) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });
    private readonly Task _analysis;
    private readonly int _offset;
    private long _pictures;

    public CameraRun(int index, IReadOnlyList<AnnexBReader.Unit> units, RuleSet rules, bool hog)
    {
        _detector = hog ? new HogPeopleDetector() : null;
        _units = units;
        _rules = rules;
        _offset = index * 37 % units.Count;
        _decoder = new StreamDecoder($"cam{index}", new FfmpegRunner(NullLogger.Instance), new StreamDecoderOptions(), TimeProvider.System, NullLogger.Instance, f => _frames.Writer.TryWrite(f), _ => { });
        _decoder.Start();
        _analysis = Task.Run(AnalyseAsync);
    }

    public long Pictures => Interlocked.Read(ref _pictures);

    public double ChildCpu() => _decoder.ProcessId is { } pid ? CamerasBench.Cpu(pid) : 0;

    public long ChildPrivate() => _decoder.ProcessId is { } pid ? CamerasBench.Private(pid) : 0;

    public async Task FeedAsync(CancellationToken cancellationToken)
    {
        // From a keyframe, at 25 fps against the clock, looping.
        var start = _offset;
        while (start > 0 && !_units[start].IsKeyframe)
        {
            start--;
        }

        var origin = TimeProvider.System.GetUtcNow();
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var due = origin.AddSeconds(n / 25.0);
            var wait = due - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var unit = _units[(int)((start + n) % _units.Count)];
            var access = AccessUnit.Copy(unit.LengthPrefixedNalUnits, VideoCodec.H264, n * 3600, unit.IsKeyframe, unit.Parameters, due, due);
            _decoder.OnAccessUnit(access);
            access.Release();
        }
    }

    private async Task AnalyseAsync()
    {
        CameraAnalyzer? analyzer = null;
        await foreach (var frame in _frames.Reader.ReadAllAsync())
        {
            // As AnalyticsRunner does: everything on the 320-px picture.
            analyzer ??= new CameraAnalyzer(frame.Width, frame.Height, 640, _rules, new AnalyzerOptions(), _detector);
            analyzer.Process(frame);
            Interlocked.Increment(ref _pictures);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _decoder.DisposeAsync();
        _frames.Writer.TryComplete();
        await _analysis;
        _detector?.Dispose();
    }
}
