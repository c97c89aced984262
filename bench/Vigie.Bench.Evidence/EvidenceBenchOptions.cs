using System.Globalization;

namespace Vigie.Bench.Evidence;

/// <summary>The bench's settings: where the hour of recording is kept, the camera it imitates, the runs.</summary>
public sealed record EvidenceBenchOptions(string Folder, int Width, int Height, int Fps, int BitrateKbps, int Gop, int Runs, int ClipMinutes)
{
    public static EvidenceBenchOptions Parse(string[] args)
    {
        var options = new EvidenceBenchOptions(Path.Combine(Path.GetTempPath(), "vigie-bench-evidence"), 1920, 1080, 25, 4000, 50, 3, 5);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            int Number() => int.Parse(value, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--folder" => options with { Folder = Path.GetFullPath(value) },
                "--width" => options with { Width = Number() },
                "--height" => options with { Height = Number() },
                "--fps" => options with { Fps = Number() },
                "--bitrate" => options with { BitrateKbps = Number() },
                "--gop" => options with { Gop = Number() },
                "--runs" => options with { Runs = Number() },
                "--clip-minutes" => options with { ClipMinutes = Number() },
                _ => throw new ArgumentException($"unknown option {args[i]} (--folder --width --height --fps --bitrate --gop --runs --clip-minutes)"),
            };
        }

        return options;
    }
}
