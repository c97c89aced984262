using System.Globalization;
using System.Runtime.CompilerServices;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;

namespace Vigie.Media.Simulator;

/// <summary>
/// A live synthetic camera: an ffmpeg child encodes, in real time, a test pattern on which the current
/// local time (Europe/Paris, to the second) is burnt in, so that playback and latency can be checked
/// against the wall clock by reading the picture. Frames are served the moment ffmpeg delivers them;
/// RTP timestamps follow the frame count at the nominal rate.
/// </summary>
public sealed class LiveClockSource(FfmpegRunner ffmpeg, int width = 640, int height = 360, int fps = 25, string bitrate = "1M") : IFrameSource
{
    public const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    public ParameterSets? Parameters { get; private set; }

    public async IAsyncEnumerable<ServedFrame> ReadAsync(TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        var rate = fps.ToString(CultureInfo.InvariantCulture);
        var font = File.Exists(FontFile) ? $"fontfile={FontFile}:" : string.Empty;
        string[] arguments =
        [
            "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}",
            "-vf", $"drawtext={font}text='%{{localtime\\:%F %T}}':fontsize={height / 10}:fontcolor=white:box=1:boxcolor=black@0.7:x=(w-text_w)/2:y=(h-text_h)/2",
            // ultrafast: the live source must keep real time even on a loaded 2-core machine.
            .. SourceEncoder.X264Camera(fps, bitrate, "ultrafast"), "-tune", "zerolatency", "pipe:1",
        ];
        using var process = ffmpeg.StartStreaming(FfmpegRunner.Ffmpeg, arguments, new Dictionary<string, string> { ["TZ"] = "Europe/Paris" });
        try
        {
            var reader = new AnnexBReader();
            var units = new List<AnnexBReader.Unit>();
            var buffer = new byte[64 * 1024];
            var ticksPerFrame = 90_000 / fps;
            uint rtp = (uint)Random.Shared.Next();
            var stream = process.StandardOutput.BaseStream;
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new FfmpegException($"The live simulator encoder stopped (exit code {(process.HasExited ? process.ExitCode : -1)}).");
                }

                reader.Append(buffer.AsSpan(0, read), units);
                foreach (var unit in units)
                {
                    Parameters ??= unit.Parameters;
                    yield return new ServedFrame(unit, rtp);
                    rtp = unchecked(rtp + (uint)ticksPerFrame);
                }

                units.Clear();
            }
        }
        finally
        {
            await FfmpegRunner.StopAsync(process, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
    }
}
