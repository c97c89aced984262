using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Detectors;

/// <summary>How the ONNX detector looks and what it keeps.</summary>
public sealed record OnnxDetectorOptions
{
    /// <summary>A box's score (its class score, times its objectness when the model gives one) must reach this.</summary>
    public double MinimumScore { get; init; } = 0.4;

    /// <summary>Boxes of the same class overlapping more than this (intersection over union) are one object.</summary>
    public double SameObjectOverlap { get; init; } = 0.45;

    /// <summary>At most this many pictures are given to the model per frame, the largest groups of moving regions first.</summary>
    public int MaximumCrops { get; init; } = 2;

    /// <summary>The square cut round a group of moving regions is at least this many pixels of the frame (a person's height at 320 px).</summary>
    public int MinimumCropSide { get; init; } = 96;
}

/// <summary>
/// Objects found by a YOLO-style <see cref="OnnxModel"/> where something moved: the moving regions are grouped, a
/// square round each group is cut from the frame, scaled into the model's input (letterboxed, grey given as its
/// three colours) and the boxes the model finds there, of the classes Vigie knows (people; cars, vans, trucks, buses,
/// motorbikes and bicycles as vehicles), are brought back to the frame. Moving regions where the model found nothing
/// stay objects classed by their shape. One per camera (it keeps its input buffer); the model is shared.
/// </summary>
public sealed class OnnxDetector(OnnxModel model, OnnxDetectorOptions? options = null) : IObjectDetector
{
    private const float Padding = 114 / 255f;
    private static readonly HashSet<string> Vehicles = new(StringComparer.OrdinalIgnoreCase) { "car", "truck", "bus", "motorcycle", "motorbike", "bicycle", "van", "vehicle" };
    private readonly OnnxDetectorOptions _options = options ?? new OnnxDetectorOptions();
    private readonly float[] _input = new float[3 * model.InputWidth * model.InputHeight];
    private BoxLayout? _layout;

    public IReadOnlyList<Detection> Detect(GrayFrame frame, IReadOnlyList<Box> regions)
    {
        var found = new List<Detection>();
        foreach (var crop in Crops(regions, frame.Width, frame.Height))
        {
            var scale = Math.Min((double)model.InputWidth / crop.Width, (double)model.InputHeight / crop.Height);
            var padX = (model.InputWidth - (crop.Width * scale)) / 2;
            var padY = (model.InputHeight - (crop.Height * scale)) / 2;
            Fill(frame, crop, scale, padX, padY);
            var (values, shape) = model.Run(_input);
            var layout = _layout ??= BoxLayout.Of(shape, model.Classes.Count);
            foreach (var detection in Read(values, layout))
            {
                var (cx, cy, w, h) = detection.Box;
                var box = Clip(new Box(
                    crop.X + (int)Math.Round((cx - (w / 2) - padX) / scale),
                    crop.Y + (int)Math.Round((cy - (h / 2) - padY) / scale),
                    (int)Math.Round(w / scale),
                    (int)Math.Round(h / scale)), frame.Width, frame.Height);
                if (box.Area > 0 && !found.Any(f => f.Class == detection.Class && f.Box.Overlap(box) > _options.SameObjectOverlap))
                {
                    found.Add(new Detection(box, detection.Class, detection.Score));
                }
            }
        }

        return ShapeClassifier.AddUnexplained(found, regions, frame.Width, frame.Height);
    }

    public void Dispose()
    {
        // The model is the host's, shared by every camera.
    }

    /// <summary>The model's boxes worth keeping, best first, the same object once per class (centre, size in input pixels).</summary>
    private List<(ObjectClass Class, double Score, (double Cx, double Cy, double W, double H) Box)> Read(float[] values, BoxLayout layout)
    {
        var first = layout.Objectness ? 5 : 4;
        var kept = new List<(ObjectClass Class, double Score, (double, double, double, double) Box)>();
        for (var i = 0; i < layout.Candidates; i++)
        {
            var objectness = layout.Objectness ? layout.At(values, i, 4) : 1f;
            if (objectness < _options.MinimumScore)
            {
                continue;
            }

            var best = -1;
            var bestScore = 0f;
            for (var c = 0; c < model.Classes.Count; c++)
            {
                var score = layout.At(values, i, first + c);
                if (score > bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            var total = bestScore * objectness;
            if (best < 0 || total < _options.MinimumScore || ClassOf(model.Classes[best]) is not { } kind)
            {
                continue;
            }

            kept.Add((kind, total, (layout.At(values, i, 0), layout.At(values, i, 1), layout.At(values, i, 2), layout.At(values, i, 3))));
        }

        kept.Sort((a, b) => b.Score.CompareTo(a.Score));
        var result = new List<(ObjectClass, double, (double, double, double, double))>();
        foreach (var candidate in kept)
        {
            if (!result.Any(r => r.Item1 == candidate.Class && Iou(r.Item3, candidate.Box) > _options.SameObjectOverlap))
            {
                result.Add(candidate);
            }
        }

        return result;
    }

    private static ObjectClass? ClassOf(string name) =>
        name.Equals("person", StringComparison.OrdinalIgnoreCase) || name.Equals("pedestrian", StringComparison.OrdinalIgnoreCase) ? ObjectClass.Person
        : Vehicles.Contains(name) ? ObjectClass.Vehicle
        : null;

    /// <summary>The model's input: the crop scaled into it (bilinear), centred, the rest grey as YOLO's tools pad; the grey given to R, G and B.</summary>
    private void Fill(GrayFrame frame, Box crop, double scale, double padX, double padY)
    {
        var (width, height) = (model.InputWidth, model.InputHeight);
        var plane = width * height;
        var pixels = frame.Pixels;
        for (var y = 0; y < height; y++)
        {
            var sy = ((y + 0.5 - padY) / scale) - 0.5;
            var inside = sy >= -0.5 && sy <= crop.Height - 0.5;
            var y0 = Math.Clamp((int)Math.Floor(sy), 0, crop.Height - 1);
            var y1 = Math.Min(y0 + 1, crop.Height - 1);
            var fy = (float)Math.Clamp(sy - y0, 0, 1);
            var row0 = (crop.Y + y0) * frame.Width;
            var row1 = (crop.Y + y1) * frame.Width;
            for (var x = 0; x < width; x++)
            {
                var sx = ((x + 0.5 - padX) / scale) - 0.5;
                float value;
                if (!inside || sx < -0.5 || sx > crop.Width - 0.5)
                {
                    value = Padding;
                }
                else
                {
                    var x0 = Math.Clamp((int)Math.Floor(sx), 0, crop.Width - 1);
                    var x1 = Math.Min(x0 + 1, crop.Width - 1);
                    var fx = (float)Math.Clamp(sx - x0, 0, 1);
                    var top = pixels[row0 + crop.X + x0] + ((pixels[row0 + crop.X + x1] - pixels[row0 + crop.X + x0]) * fx);
                    var bottom = pixels[row1 + crop.X + x0] + ((pixels[row1 + crop.X + x1] - pixels[row1 + crop.X + x0]) * fx);
                    value = (top + ((bottom - top) * fy)) / 255f;
                }

                var at = (y * width) + x;
                _input[at] = value;
                _input[plane + at] = value;
                _input[(2 * plane) + at] = value;
            }
        }
    }

    /// <summary>
    /// Squares round groups of moving regions: regions whose squares touch are one group; the largest groups first,
    /// at most <see cref="OnnxDetectorOptions.MaximumCrops"/>, each square at least the minimum side and a quarter
    /// larger than its group, inside the frame.
    /// </summary>
    private List<Box> Crops(IReadOnlyList<Box> regions, int width, int height)
    {
        var groups = regions.ToList();
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < groups.Count && !merged; i++)
            {
                for (var j = i + 1; j < groups.Count && !merged; j++)
                {
                    if (Square(groups[i], width, height).Overlap(Square(groups[j], width, height)) > 0)
                    {
                        groups[i] = Geometry.Union(groups[i], groups[j]);
                        groups.RemoveAt(j);
                        merged = true;
                    }
                }
            }
        }

        return [.. groups.OrderByDescending(g => g.Area).Take(_options.MaximumCrops).Select(g => Square(g, width, height))];
    }

    private Box Square(Box group, int width, int height)
    {
        var side = Math.Max(_options.MinimumCropSide, (int)Math.Ceiling(Math.Max(group.Width, group.Height) * 1.25));
        var w = Math.Min(side, width);
        var h = Math.Min(side, height);
        var x = Math.Clamp(group.X + (group.Width / 2) - (w / 2), 0, width - w);
        var y = Math.Clamp(group.Y + (group.Height / 2) - (h / 2), 0, height - h);
        return new Box(x, y, w, h);
    }

    private static Box Clip(Box box, int width, int height)
    {
        var x = Math.Clamp(box.X, 0, width);
        var y = Math.Clamp(box.Y, 0, height);
        return new Box(x, y, Math.Max(0, Math.Min(box.X + box.Width, width) - x), Math.Max(0, Math.Min(box.Y + box.Height, height) - y));
    }

    private static double Iou((double Cx, double Cy, double W, double H) a, (double Cx, double Cy, double W, double H) b)
    {
        var w = Math.Min(a.Cx + (a.W / 2), b.Cx + (b.W / 2)) - Math.Max(a.Cx - (a.W / 2), b.Cx - (b.W / 2));
        var h = Math.Min(a.Cy + (a.H / 2), b.Cy + (b.H / 2)) - Math.Max(a.Cy - (a.H / 2), b.Cy - (b.H / 2));
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var both = w * h;
        return both / ((a.W * a.H) + (b.W * b.H) - both);
    }
}
