// Decoder for analytics, measured (issue 13): Debian's ffmpeg as a child process fed through pipes, against
// libavcodec called in process. Both decode every frame of the same H.264 elementary stream and hand 320-px-wide
// grey pictures to managed code; the figure is CPU seconds per second of video (the share of a core one camera
// costs) and the memory each adds. Usage:
//   dotnet run -c Release --project bench/Vigie.Bench.Decode -- FILE.h264 FPS [SECONDS_OF_VIDEO]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

var file = args.Length > 0 ? args[0] : throw new ArgumentException("usage: FILE.h264 FPS [SECONDS]");
var fps = double.Parse(args[1], CultureInfo.InvariantCulture);
var wanted = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var data = File.ReadAllBytes(file);

Console.WriteLine($"file {Path.GetFileName(file)}, {fps} fps, {Environment.ProcessorCount} cores");
for (var run = 1; run <= 3; run++)
{
    var child = await FfmpegPipeAsync(data, fps, wanted);
    var inProcess = Libavcodec(data, fps, wanted);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: ffmpeg child {child.Cpu:F3} CPU-s per video-s ({child.Frames} frames, child private {child.Memory / 1048576.0:F0} MiB) | " +
        $"libavcodec in process {inProcess.Cpu:F3} ({inProcess.Frames} frames, +{inProcess.Memory / 1048576.0:F0} MiB) | ratio {child.Cpu / inProcess.Cpu:F2}"));
}

static async Task<(double Cpu, long Frames, long Memory)> FfmpegPipeAsync(byte[] data, double fps, double wanted)
{
    // /usr/bin/time reports the child's CPU and peak memory when it exits.
    var start = new ProcessStartInfo("/usr/bin/time")
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    foreach (var a in new[] { "-f", "%U %S %M", "ffmpeg", "-v", "error", "-nostdin", "-threads", "1", "-f", "h264", "-i", "pipe:0", "-an", "-filter_threads", "1", "-fps_mode", "passthrough", "-vf", "scale=320:-2:flags=area,format=gray", "-f", "rawvideo", "pipe:1" })
    {
        start.ArgumentList.Add(a);
    }

    var own = Process.GetCurrentProcess().TotalProcessorTime;
    using var process = Process.Start(start)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var repeats = Repeats(data, fps, wanted);
    var writer = Task.Run(async () =>
    {
        await using var input = process.StandardInput.BaseStream;
        for (var i = 0; i < repeats; i++)
        {
            await input.WriteAsync(data);
        }
    });
    var output = process.StandardOutput.BaseStream;
    var buffer = new byte[1 << 16];
    long total = 0;
    int read;
    long pss = 0;
    while ((read = await output.ReadAsync(buffer)) > 0)
    {
        total += read;
        if (pss == 0 && total > 10_000_000)
        {
            // RSS counts the shared libraries every ffmpeg maps; its private pages are what one more camera costs.
            pss = ProportionalMemory(process.Id);
        }
    }

    await writer;
    await process.WaitForExitAsync();
    var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - own).TotalSeconds;
    var parts = (await stderr).Trim().Split('\n')[^1].Split(' ');
    var childCpu = double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture);
    // Grey pictures 320 px wide; the height follows the source's aspect (one frame's bytes = total / frames).
    var frames = repeats * Frames(data);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ffmpeg child: peak RSS {long.Parse(parts[2], CultureInfo.InvariantCulture) / 1024.0:F0} MiB, private while decoding {pss / 1048576.0:F0} MiB"));
    return ((childCpu + ownCpu) / (repeats * Frames(data) / fps), frames, pss);
}

// The private memory of /usr/bin/time's child (ffmpeg), from /proc.
static long ProportionalMemory(int timePid)
{
    var children = File.ReadAllText($"/proc/{timePid}/task/{timePid}/children").Trim();
    if (children.Length == 0)
    {
        return 0;
    }

    // Private pages (clean and dirty): what one more ffmpeg adds when the libraries are already mapped by others.
    return File.ReadAllLines($"/proc/{children.Split(' ')[0]}/smaps_rollup")
        .Where(l => l.StartsWith("Private_", StringComparison.Ordinal))
        .Sum(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)) * 1024;
}

static unsafe (double Cpu, long Frames, long Memory) Libavcodec(byte[] data, double fps, double wanted)
{
    var memory = Environment.WorkingSet;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var codec = Av.avcodec_find_decoder(27); // AV_CODEC_ID_H264
    var context = Av.avcodec_alloc_context3(codec);
    if (Av.avcodec_open2(context, codec, null) < 0)
    {
        throw new InvalidOperationException("avcodec_open2 failed");
    }

    var parser = Av.av_parser_init(27);
    var packet = Av.av_packet_alloc();
    var frame = Av.av_frame_alloc();
    var repeats = Repeats(data, fps, wanted);
    long frames = 0;
    byte[]? grey = null;
    fixed (byte* start = data)
    {
        for (var r = 0; r < repeats; r++)
        {
            var offset = 0;
            while (offset < data.Length)
            {
                byte* outData;
                int outSize;
                var used = Av.av_parser_parse2(parser, context, &outData, &outSize, start + offset, data.Length - offset, long.MinValue, long.MinValue, 0);
                offset += used;
                if (outSize > 0)
                {
                    // AVPacket: data at 24, size at 32 (FFmpeg 5.1).
                    *(byte**)((byte*)packet + 24) = outData;
                    *(int*)((byte*)packet + 32) = outSize;
                    frames += Drain(context, packet, frame, ref grey);
                }
            }
        }

        *(byte**)((byte*)packet + 24) = null;
        *(int*)((byte*)packet + 32) = 0;
        frames += Drain(context, null, frame, ref grey);
    }

    var used2 = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var grown = Environment.WorkingSet - memory;
    Av.av_frame_free(&frame);
    Av.av_packet_free(&packet);
    Av.av_parser_close(parser);
    Av.avcodec_free_context(&context);
    return (used2 / (repeats * Frames(data) / fps), frames, grown);
}

static unsafe long Drain(void* context, void* packet, void* frame, ref byte[]? grey)
{
    long frames = 0;
    Av.avcodec_send_packet(context, packet);
    while (Av.avcodec_receive_frame(context, frame) == 0)
    {
        // AVFrame: data[0] at 0, linesize[0] at 64, width at 104, height at 108.
        var plane = *(byte**)frame;
        var stride = *(int*)((byte*)frame + 64);
        var width = *(int*)((byte*)frame + 104);
        var height = *(int*)((byte*)frame + 108);
        var outHeight = height * 320 / width;
        grey ??= new byte[320 * outHeight];
        // The luma plane is the grey picture: area-average it down to 320 px wide, as ffmpeg's scaler does.
        var fx = width / 320;
        var fy = height / outHeight;
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < 320; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < fy; dy++)
                {
                    var row = plane + ((long)((y * fy) + dy) * stride) + (x * fx);
                    for (var dx = 0; dx < fx; dx++)
                    {
                        sum += row[dx];
                    }
                }

                grey[(y * 320) + x] = (byte)(sum / (fx * fy));
            }
        }

        frames++;
    }

    return frames;
}

static int Repeats(byte[] data, double fps, double wanted) => Math.Max(1, (int)Math.Ceiling(wanted / (Frames(data) / fps)));

// Frames in an Annex-B stream: slices that start a picture (first_mb_in_slice = 0 shows as the byte's top bit).
static long Frames(byte[] data)
{
    long count = 0;
    for (var i = 0; i + 4 < data.Length; i++)
    {
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1)
        {
            var type = data[i + 3] & 0x1F;
            if (type is 1 or 5 && (data[i + 4] & 0x80) != 0)
            {
                count++;
            }
        }
    }

    return count;
}

internal static unsafe class Av
{
    private const string Codec = "libavcodec.so.59";
    private const string Util = "libavutil.so.57";

    [DllImport(Codec)] public static extern void* avcodec_find_decoder(int id);
    [DllImport(Codec)] public static extern void* avcodec_alloc_context3(void* codec);
    [DllImport(Codec)] public static extern int avcodec_open2(void* context, void* codec, void** options);
    [DllImport(Codec)] public static extern void avcodec_free_context(void** context);
    [DllImport(Codec)] public static extern void* av_parser_init(int codec);
    [DllImport(Codec)] public static extern int av_parser_parse2(void* parser, void* context, byte** output, int* outputSize, byte* input, int inputSize, long pts, long dts, long position);
    [DllImport(Codec)] public static extern void av_parser_close(void* parser);
    [DllImport(Codec)] public static extern void* av_packet_alloc();
    [DllImport(Codec)] public static extern void av_packet_free(void** packet);
    [DllImport(Codec)] public static extern int avcodec_send_packet(void* context, void* packet);
    [DllImport(Codec)] public static extern int avcodec_receive_frame(void* context, void* frame);
    [DllImport(Util)] public static extern void* av_frame_alloc();
    [DllImport(Util)] public static extern void av_frame_free(void** frame);
}
