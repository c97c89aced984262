using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Detectors;

/// <summary>What a detection says an object is. Motion alone gives <see cref="Object"/>, or a guess from its shape.</summary>
public enum ObjectClass
{
    Object,
    Person,
    Vehicle,
}

/// <summary>An object found in one frame: where (analysis pixels), what, and how sure (0–1; a shape guess is weak).</summary>
public readonly record struct Detection(Box Box, ObjectClass Class, double Score);

/// <summary>
/// Finds objects in the regions where something moved. Implementations: <see cref="HogPeopleDetector"/> (OpenCV's
/// HOG people detector) and <see cref="OnnxDetector"/> (a YOLO-style model an administrator provides).
/// </summary>
public interface IObjectDetector : IDisposable
{
    /// <summary>Objects in <paramref name="frame"/> near the <paramref name="regions"/> (boxes in the frame's pixels).</summary>
    IReadOnlyList<Detection> Detect(GrayFrame frame, IReadOnlyList<Box> regions);
}

/// <summary>The class a moving region's shape suggests when no detector names it: tall is a person, wide and large a vehicle.</summary>
public static class ShapeClassifier
{
    public static Detection Classify(Box box, int pictureWidth, int pictureHeight)
    {
        var aspect = (double)box.Height / Math.Max(1, box.Width);
        var share = (double)box.Area / (pictureWidth * pictureHeight);
        if (aspect >= 1.4 && share < 0.25)
        {
            return new Detection(box, ObjectClass.Person, 0.3);
        }

        if (aspect <= 0.8 && share >= 0.01)
        {
            return new Detection(box, ObjectClass.Vehicle, 0.3);
        }

        return new Detection(box, ObjectClass.Object, 0.3);
    }

    /// <summary>
    /// What a detector <paramref name="found"/>, plus each moving region none of it explains (none overlaps it nor
    /// stands in it: a person's box is narrower than the region round them and their shadow) classed by its shape, so
    /// that the tracker goes on following what moves where the detector saw nothing.
    /// </summary>
    public static List<Detection> AddUnexplained(List<Detection> found, IReadOnlyList<Box> regions, int pictureWidth, int pictureHeight)
    {
        var explained = found.Count;
        foreach (var region in regions)
        {
            if (!found.Take(explained).Any(f => region.Overlap(f.Box) > 0.2 || Inside(Geometry.Centre(f.Box), region)))
            {
                found.Add(Classify(region, pictureWidth, pictureHeight));
            }
        }

        return found;
    }

    private static bool Inside(Point point, Box box) => point.X >= box.X && point.X <= box.X + box.Width && point.Y >= box.Y && point.Y <= box.Y + box.Height;
}
