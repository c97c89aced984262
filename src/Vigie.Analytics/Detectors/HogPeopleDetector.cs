using OpenCvSharp;
using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Detectors;

/// <summary>
/// People found by OpenCV's HOG detector (Dalal–Triggs, the default people SVM) in the regions where something moved:
/// each region, widened to a person's proportions, is cut from the frame and enlarged when it is smaller than the
/// detector's 64×128 window. Moving regions where nobody is found stay objects classed by their shape, so that
/// tracking goes on. Not thread-safe; one per camera.
/// </summary>
public sealed class HogPeopleDetector : IObjectDetector
{
    private const int WindowHeight = 128;

    /// <summary>A person's height in HOG's 128-pixel window: a moving region smaller than this is enlarged to it.</summary>
    private const double PersonHeight = 120;
    private readonly HOGDescriptor _hog;
    private readonly double _minimumScore;
    private readonly int _maximumRegions;

    /// <param name="minimumScore">The SVM's margin a window must pass (0 takes all; 0.3–0.5 drops most false people).</param>
    /// <param name="maximumRegions">At most this many regions per frame are searched, the largest first (CPU bound).</param>
    public HogPeopleDetector(double minimumScore = 0.5, int maximumRegions = 6)
    {
        _hog = new HOGDescriptor();
        _hog.SetSVMDetector(HOGDescriptor.GetDefaultPeopleDetector());
        _minimumScore = minimumScore;
        _maximumRegions = maximumRegions;
    }

    /// <summary>
    /// A detector, or null with the reason when OpenCV's native runtime cannot be loaded (a system library missing:
    /// scripts/install-deps.sh installs them); analytics then go on with objects classed by their shape.
    /// </summary>
    public static HogPeopleDetector? TryCreate(out string? problem)
    {
        try
        {
            problem = null;
            return new HogPeopleDetector();
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            var inner = ex;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            problem = inner.Message;
            return null;
        }
    }

    /// <summary>
    /// OpenCV without threads of its own, for a host that runs one detector per camera on tasks of its own: OpenCV's
    /// parallel loops then only compete with the other cameras (a tenth more CPU, docs/benchmarks.md). Process-wide.
    /// </summary>
    public static void SingleThreaded() => Cv2.SetNumThreads(1);

    public IReadOnlyList<Detection> Detect(GrayFrame frame, IReadOnlyList<Box> regions)
    {
        var found = new List<Detection>();
        using var picture = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC1, frame.Pixels);
        foreach (var region in regions.Where(MayBePeople).OrderByDescending(r => r.Area).Take(_maximumRegions))
        {
            var enlarge = Math.Clamp(PersonHeight / region.Height, 1, 4);
            var area = Widen(region, enlarge, frame.Width, frame.Height);
            using var cut = new Mat(picture, new Rect(area.X, area.Y, area.Width, area.Height));
            using var input = new Mat();
            if (enlarge > 1)
            {
                Cv2.Resize(cut, input, new Size((int)Math.Ceiling(area.Width * enlarge), (int)Math.Ceiling(area.Height * enlarge)), interpolation: InterpolationFlags.Linear);
            }
            else
            {
                cut.CopyTo(input);
            }

            if (input.Width < 64 || input.Height < WindowHeight)
            {
                continue;
            }

            // Pyramid levels 1.1 apart: a third less time than 1.05 and a better F1 on vtest.avi (0.96 against 0.92); 1.2
            // misses people (0.85).
            // A region enlarged to a person's height was cut with its margin; one already tall enough is searched with
            // its surroundings and HOG's own padding (people walking together are told apart there).
            var boxes = _hog.DetectMultiScale(input, out var weights, 0, new Size(8, 8), enlarge > 1 ? new Size(0, 0) : new Size(8, 8), 1.1, 2);
            for (var i = 0; i < boxes.Length; i++)
            {
                if (weights[i] < _minimumScore)
                {
                    continue;
                }

                var b = boxes[i];
                var box = new Box(
                    area.X + (int)(b.X / enlarge),
                    area.Y + (int)(b.Y / enlarge),
                    (int)(b.Width / enlarge),
                    (int)(b.Height / enlarge));
                // HOG's window has a margin round the person: take its middle 60 % across and 80 % down.
                box = new Box(box.X + (box.Width / 5), box.Y + (box.Height / 10), box.Width * 3 / 5, box.Height * 4 / 5);
                if (!found.Any(f => f.Box.Overlap(box) > 0.4))
                {
                    found.Add(new Detection(box, ObjectClass.Person, Math.Min(1, 0.5 + (weights[i] / 2))));
                }
            }
        }

        return ShapeClassifier.AddUnexplained(found, regions, frame.Width, frame.Height);
    }

    public void Dispose() => _hog.Dispose();

    /// <summary>
    /// Whether a moving region is worth searching for people: at least 24 px tall (smaller, even enlarged four times,
    /// nobody is tall enough for the window) and at most twice as wide as tall (one person is twice as tall as wide,
    /// a few walking side by side about as wide as tall; a wide low blob, enlarged, is where HOG finds ghosts).
    /// </summary>
    private static bool MayBePeople(Box region) => region.Height >= 24 && region.Width <= region.Height * 2;

    /// <summary>
    /// The region made at least half as wide as tall, with a margin round it of what HOG's window keeps round a
    /// person (16 of its 128 pixels above and below, once enlarged), inside the picture.
    /// </summary>
    private static Box Widen(Box region, double enlarge, int width, int height)
    {
        var margin = (int)Math.Ceiling(32 / enlarge);
        var (w, h) = enlarge > 1
            ? (Math.Max(region.Width, (region.Height + 1) / 2) + (2 * margin), region.Height + (2 * margin))
            : (Math.Max(region.Width * 2, region.Height), Math.Max(region.Height * 2, Math.Max(region.Width * 2, region.Height) * 2));
        var x = Math.Clamp(region.X + (region.Width / 2) - (w / 2), 0, Math.Max(0, width - 1));
        var y = Math.Clamp(region.Y + (region.Height / 2) - (h / 2), 0, Math.Max(0, height - 1));
        return new Box(x, y, Math.Min(w, width - x), Math.Min(h, height - y));
    }
}
