using Vigie.Analytics.Motion;

namespace Vigie.Analytics;

/// <summary>A point of the picture, in pixels (fractions allowed).</summary>
public readonly record struct Point(double X, double Y)
{
    public double DistanceTo(Point other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}

/// <summary>Plane geometry the rules need: points in polygons, crossings of a directed line.</summary>
public static class Geometry
{
    /// <summary>Where an object stands: the middle of its box's bottom edge (its feet, or its wheels).</summary>
    public static Point Foot(Box box) => new(box.X + (box.Width / 2.0), box.Y + box.Height);

    public static Point Centre(Box box) => new(box.X + (box.Width / 2.0), box.Y + (box.Height / 2.0));

    /// <summary>Whether <paramref name="point"/> lies inside the polygon (even-odd rule; the edge counts as inside on one side).</summary>
    public static bool Contains(IReadOnlyList<Point> polygon, Point point)
    {
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            if ((a.Y > point.Y) != (b.Y > point.Y)
                && point.X < ((b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>
    /// Which side of the directed line <paramref name="from"/>→<paramref name="to"/> a point lies on: positive on the
    /// left as one walks from A to B in picture coordinates (y down), negative on the right, 0 on the line.
    /// </summary>
    public static double Side(Point from, Point to, Point point) =>
        ((to.X - from.X) * (point.Y - from.Y)) - ((to.Y - from.Y) * (point.X - from.X));

    /// <summary>Whether the move p1→p2 goes from one side of the segment q1–q2 to the other, through it.</summary>
    public static bool Crosses(Point p1, Point p2, Point q1, Point q2) =>
        Side(q1, q2, p1) * Side(q1, q2, p2) < 0 && Side(p1, p2, q1) * Side(p1, p2, q2) <= 0;

    /// <summary>Two non-adjacent sides of the polygon that cross (indices of their first points), or null.</summary>
    public static (int First, int Second)? SelfCrossing(IReadOnlyList<Point> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var n = polygon.Count;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 2; j < n; j++)
            {
                if (i == 0 && j == n - 1)
                {
                    continue;
                }

                if (Crosses(polygon[i], polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    /// <summary>The polygon's signed area (shoelace).</summary>
    public static double Area(IReadOnlyList<Point> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var sum = 0.0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            sum += (a.X * b.Y) - (b.X * a.Y);
        }

        return sum / 2;
    }

    /// <summary>The smallest box holding both.</summary>
    public static Box Union(Box a, Box b)
    {
        var x = Math.Min(a.X, b.X);
        var y = Math.Min(a.Y, b.Y);
        return new Box(x, y, Math.Max(a.X + a.Width, b.X + b.Width) - x, Math.Max(a.Y + a.Height, b.Y + b.Height) - y);
    }

    /// <summary>The box scaled by a factor (a box found on a smaller picture, drawn on the source).</summary>
    public static Box Scale(Box box, double factor) =>
        new((int)Math.Round(box.X * factor), (int)Math.Round(box.Y * factor), (int)Math.Round(box.Width * factor), (int)Math.Round(box.Height * factor));
}
