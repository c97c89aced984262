using System.Globalization;
using OpenCvSharp;
using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Pictures;

/// <summary>
/// Draws what analytics saw on a camera's picture: each object's box, with its number, so that the operator sees at
/// a glance which object a rule fired on. Boxes are in the picture's own pixels.
/// </summary>
public static class SnapshotMarks
{
    /// <summary>The picture with the boxes drawn, as JPEG; the picture unchanged when it cannot be decoded.</summary>
    public static byte[] Draw(byte[] jpeg, IReadOnlyList<(Box Box, int Track)> marks)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        ArgumentNullException.ThrowIfNull(marks);
        using var picture = Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (picture.Empty())
        {
            return jpeg;
        }

        // Lines readable on a 1080p picture shown small, not heavy on a 320 px one.
        var thickness = Math.Max(2, picture.Width / 320);
        var amber = new Scalar(0, 191, 255);
        foreach (var (box, track) in marks)
        {
            var rect = new Rect(box.X, box.Y, box.Width, box.Height).Intersect(new Rect(0, 0, picture.Width, picture.Height));
            if (rect.Width <= 0 || rect.Height <= 0)
            {
                continue;
            }

            Cv2.Rectangle(picture, rect, Scalar.Black, thickness + 2);
            Cv2.Rectangle(picture, rect, amber, thickness);
            var label = track.ToString(CultureInfo.InvariantCulture);
            var scale = thickness * 0.4;
            var size = Cv2.GetTextSize(label, HersheyFonts.HersheySimplex, scale, thickness, out var baseline);
            var at = new OpenCvSharp.Point(rect.X, Math.Max(size.Height + baseline, rect.Y - baseline));
            Cv2.Rectangle(picture, new Rect(at.X, at.Y - size.Height - baseline, size.Width + (2 * thickness), size.Height + (2 * baseline)), amber, -1);
            Cv2.PutText(picture, label, new OpenCvSharp.Point(at.X + thickness, at.Y), HersheyFonts.HersheySimplex, scale, Scalar.Black, thickness);
        }

        Cv2.ImEncode(".jpg", picture, out var encoded, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return encoded;
    }
}
