using System.Globalization;
using System.Text;
using Vigie.Domain.Privacy;
using Vigie.Media.Ffmpeg;

namespace Vigie.Media.Masks;

/// <summary>
/// Blurs third parties out of a clip for an access request (GDPR art. 15): each track is a box followed through the
/// clip by interpolation between the positions the operator placed (<see cref="RedactionTrack"/>); ffmpeg pixelates the
/// box on every picture (scaled down to blocks of 24 pixels, then up without smoothing) and encodes H.264 again. The box keeps
/// the largest size the track's keys give, centred on the interpolated position, so a moving person stays covered.
/// </summary>
public sealed class RedactionBurner(FfmpegRunner ffmpeg, int threads = 1)
{
    /// <summary>Writes <paramref name="output"/>: <paramref name="input"/> (width × height) with every track pixelated.</summary>
    public Task BurnAsync(string input, string output, IReadOnlyList<RedactionTrack> tracks, int width, int height, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-i", input,
            "-filter_complex", Graph(tracks, width, height),
            "-map", "[v]",
            "-fps_mode", "passthrough",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-threads", threads.ToString(CultureInfo.InvariantCulture),
            "-movflags", "+faststart",
            output,
        ];
        return ffmpeg.RunAsync(FfmpegRunner.Ffmpeg, arguments, MaskBurner.Timeout, cancellationToken);
    }

    /// <summary>The filter graph: per track, a crop that follows the box, pixelated, laid back where it was cropped.</summary>
    public static string Graph(IReadOnlyList<RedactionTrack> tracks, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var graph = new StringBuilder();
        var current = "0:v";
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            var w = Even(Math.Min(width, Math.Ceiling(track.Keys.Max(k => k.Width) * width)));
            var h = Even(Math.Min(height, Math.Ceiling(track.Keys.Max(k => k.Height) * height)));
            var x = Position(track, k => (k.X + (k.Width / 2)) * width, w, width);
            var y = Position(track, k => (k.Y + (k.Height / 2)) * height, h, height);
            var blocksX = Math.Max(2, w / 24);
            var blocksY = Math.Max(2, h / 24);
            graph.Append(CultureInfo.InvariantCulture, $"[{current}]split=2[base{i}][cut{i}];");
            graph.Append(CultureInfo.InvariantCulture, $"[cut{i}]crop=w={w}:h={h}:x='{x}':y='{y}',scale={blocksX}:{blocksY}:flags=area,scale={w}:{h}:flags=neighbor[blur{i}];");
            graph.Append(CultureInfo.InvariantCulture, $"[base{i}][blur{i}]overlay=x='{x}':y='{y}'[step{i}];");
            current = $"step{i}";
        }

        graph.Append(CultureInfo.InvariantCulture, $"[{current}]format=yuv420p[v]");
        return graph.ToString();
    }

    /// <summary>
    /// The box's left (or top) edge in pixels as an ffmpeg expression of t: the interpolated centre minus half the box,
    /// piecewise linear between the keys, held before the first and after the last, kept inside the picture.
    /// </summary>
    private static string Position(RedactionTrack track, Func<RedactionKey, double> centre, int size, int extent)
    {
        string Edge(double c) => Number(Math.Clamp(c - (size / 2.0), 0, extent - size));
        var keys = track.Keys;
        var expression = Edge(centre(keys[^1]));
        for (var i = keys.Count - 1; i >= 1; i--)
        {
            var (a, b) = (keys[i - 1], keys[i]);
            var span = b.At - a.At;
            var (ca, cb) = (centre(a), centre(b));
            var between = span <= 0 ? Edge(cb) : $"clip({Number(ca - (size / 2.0))}+({Number(cb - ca)})*(t-{Number(a.At)})/{Number(span)},0,{extent - size})";
            expression = $"if(lt(t,{Number(b.At)}),{between},{expression})";
        }

        return $"if(lt(t,{Number(keys[0].At)}),{Edge(centre(keys[0]))},{expression})";
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static int Even(double value) => Math.Max(2, (int)value / 2 * 2);
}
