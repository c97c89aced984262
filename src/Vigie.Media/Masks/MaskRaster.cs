using System.Text;
using Vigie.Domain.Cameras;

namespace Vigie.Media.Masks;

/// <summary>
/// Turns a camera's mask polygons into a picture-sized map (255 = hidden): even-odd fill at pixel centres, so a pixel is
/// hidden when its centre lies inside a polygon. Used to burn masks into exports and to mask the stream on the server.
/// </summary>
public static class MaskRaster
{
    /// <summary>One byte per pixel, row by row; 255 where a mask hides the pixel, 0 elsewhere.</summary>
    public static byte[] Fill(IReadOnlyList<IReadOnlyList<MaskPoint>> polygons, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var map = new byte[width * height];
        var crossings = new List<double>();
        foreach (var polygon in polygons)
        {
            var points = polygon.Select(p => (X: p.X * width, Y: p.Y * height)).ToArray();
            for (var row = 0; row < height; row++)
            {
                var y = row + 0.5;
                crossings.Clear();
                for (int i = 0, j = points.Length - 1; i < points.Length; j = i++)
                {
                    var (a, b) = (points[i], points[j]);
                    if ((a.Y > y) != (b.Y > y))
                    {
                        crossings.Add(a.X + ((y - a.Y) / (b.Y - a.Y) * (b.X - a.X)));
                    }
                }

                crossings.Sort();
                for (var k = 0; k + 1 < crossings.Count; k += 2)
                {
                    // Pixels whose centre (column + 0.5) lies in [left, right).
                    var first = Math.Max(0, (int)Math.Ceiling(crossings[k] - 0.5));
                    var last = Math.Min(width - 1, (int)Math.Ceiling(crossings[k + 1] - 0.5) - 1);
                    if (last >= first)
                    {
                        map.AsSpan((row * width) + first, last - first + 1).Fill(255);
                    }
                }
            }
        }

        return map;
    }

    /// <summary>
    /// The map as a PAM picture (netpbm, RGB with alpha) ffmpeg overlays: black and opaque where hidden, transparent elsewhere.
    /// </summary>
    public static byte[] ToOverlayPam(byte[] map, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(map);
        var header = Encoding.ASCII.GetBytes($"P7\nWIDTH {width}\nHEIGHT {height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n");
        var pam = new byte[header.Length + (map.Length * 4)];
        header.CopyTo(pam, 0);
        for (var i = 0; i < map.Length; i++)
        {
            // R, G, B stay 0 (black); alpha is the map.
            pam[header.Length + (i * 4) + 3] = map[i];
        }

        return pam;
    }
}
