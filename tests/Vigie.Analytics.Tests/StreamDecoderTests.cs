using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Analytics.Frames;
using Vigie.Analytics.Motion;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;

namespace Vigie.Analytics.Tests;

/// <summary>The analytics decoder fed access units as the ingest gives them, against Debian's ffmpeg.</summary>
public sealed class StreamDecoderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 23, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Frames_become_grey_pictures_at_the_analysis_rate_dated_by_the_frames_they_came_from()
    {
        var units = await EncodeAsync(seconds: 6);
        var pictures = new ConcurrentQueue<GrayFrame>();
        await using var decoder = new StreamDecoder("cam", new FfmpegRunner(NullLogger.Instance), new StreamDecoderOptions(), TimeProvider.System, NullLogger.Instance, pictures.Enqueue, _ => { });
        decoder.Start();
        await FeedAsync(decoder, units, 0);

        // ffmpeg holds back about a second (its demuxer reads ahead): 6 s of frames give at least 4 s of pictures.
        await WaitAsync(() => pictures.Count >= 20);
        var list = pictures.ToList();
        // 10 fps handed on at 5 a second: every other frame, 320 px wide with the 4:3 aspect of vtest.avi.
        Assert.InRange(list.Count, 20, 30);
        Assert.All(list, p => Assert.Equal((320, 240), (p.Width, p.Height)));
        Assert.All(list.Zip(list.Skip(1)), p => Assert.Equal(0.2, (p.Second.At - p.First.At).TotalSeconds, 3));
        Assert.Equal(T0, list[0].At);
        // A real picture, not a grey field: vtest.avi's path and lawn.
        Assert.True(list[^1].Pixels.Max() - list[^1].Pixels.Min() > 100);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_killed_decoder_is_restarted_with_one_failure_and_one_recovery_reported()
    {
        var units = await EncodeAsync(seconds: 4);
        var health = new ConcurrentQueue<DecoderHealth>();
        var pictures = 0;
        await using var decoder = new StreamDecoder("cam", new FfmpegRunner(NullLogger.Instance), new StreamDecoderOptions { FirstRetry = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger.Instance, _ => Interlocked.Increment(ref pictures), health.Enqueue);
        decoder.Start();
        await FeedAsync(decoder, units, 0);
        await WaitAsync(() => pictures > 5);

        Process.GetProcessById(decoder.ProcessId!.Value).Kill();
        // Killed again while restarting: still one failure reported, not one per restart.
        await WaitAsync(() => !health.IsEmpty);
        await Task.Delay(300, Ct);
        if (decoder.ProcessId is { } again)
        {
            try
            {
                Process.GetProcessById(again).Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        var before = Volatile.Read(ref pictures);
        for (var round = 1; round <= 3 && Volatile.Read(ref pictures) <= before + 5; round++)
        {
            await FeedAsync(decoder, units, round);
        }

        await WaitAsync(() => health.Count >= 2);
        Assert.Equal([true, false], health.Select(h => h.Failed));
        Assert.True(decoder.Restarts >= 1);
        Assert.True(Volatile.Read(ref pictures) > before);
    }

    [Fact(Timeout = 120_000)]
    public async Task Garbage_between_frames_does_not_stop_the_pictures()
    {
        var units = await EncodeAsync(seconds: 8);
        var pictures = 0;
        var random = new Random(5);
        await using var decoder = new StreamDecoder("cam", new FfmpegRunner(NullLogger.Instance), new StreamDecoderOptions(), TimeProvider.System, NullLogger.Instance, _ => Interlocked.Increment(ref pictures), _ => { });
        decoder.Start();
        var parameters = units[0].Parameters;
        for (var i = 0; i < units.Count; i++)
        {
            Feed(decoder, units[i], i, 0);
            if (i % 7 == 3)
            {
                // A well-framed slice NAL unit of random bytes (ffmpeg gets it), then one whose length prefix lies (refused before).
                var junk = new byte[300];
                random.NextBytes(junk);
                (junk[0], junk[1], junk[2], junk[3], junk[4]) = (0, 0, 1, 40, 0x41);
                var slice = AccessUnit.Copy(junk, VideoCodec.H264, (i * 9000L) + 1, false, parameters, T0, T0);
                decoder.OnAccessUnit(slice);
                slice.Release();
                junk[3] = 200;
                var lying = AccessUnit.Copy(junk, VideoCodec.H264, (i * 9000L) + 2, false, parameters, T0, T0);
                decoder.OnAccessUnit(lying);
                lying.Release();
            }

            await Task.Delay(10, Ct);
        }

        // 8 s at 5 a second, less the second ffmpeg holds back and the pictures the junk spoils.
        await WaitAsync(() => Volatile.Read(ref pictures) >= 25);
        Assert.Equal(0, decoder.Restarts);
    }

    private static void Feed(StreamDecoder decoder, AnnexBReader.Unit unit, int index, int round)
    {
        var at = T0.AddSeconds((round * 100) + (index / 10.0));
        var access = AccessUnit.Copy(unit.LengthPrefixedNalUnits, VideoCodec.H264, ((round * 100L * 10) + index) * 9000, unit.IsKeyframe, unit.Parameters, at, at);
        decoder.OnAccessUnit(access);
        access.Release();
    }

    private static async Task FeedAsync(StreamDecoder decoder, IReadOnlyList<AnnexBReader.Unit> units, int round)
    {
        for (var i = 0; i < units.Count; i++)
        {
            Feed(decoder, units[i], i, round);
            await Task.Delay(5, Ct);
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "timed out");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>vtest.avi's first seconds as an H.264 camera would send them: 10 fps, a keyframe every second.</summary>
    private static async Task<IReadOnlyList<AnnexBReader.Unit>> EncodeAsync(int seconds)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigie-decoder").FullName, "v.h264");
        await new FfmpegRunner(NullLogger.Instance).RunAsync(
            FfmpegRunner.Ffmpeg,
            ["-v", "error", "-i", "/usr/share/doc/opencv-doc/examples/data/vtest.avi", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-an", "-c:v", "libx264", "-preset", "veryfast", "-g", "10", "-bf", "0", "-f", "h264", path],
            TimeSpan.FromSeconds(60),
            Ct);
        return AnnexBReader.ReadAll(await File.ReadAllBytesAsync(path, Ct));
    }
}
