using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;

namespace Vigie.Media.Tests.Simulator;

[Collection(RealTimePeers.Name)]
public sealed class CameraSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 768, 576)]
    [InlineData(2, 640, 360)]
    [InlineData(3, 1280, 720)]
    [InlineData(4, 1280, 720)]
    public async Task Ffprobe_reads_every_path_over_tcp(int camera, int width, int height)
    {
        // The live source needs its ffmpeg child to start encoding: wait for its first keyframe.
        for (var i = 0; i < 300 && fixture.Simulator.Cameras.First(c => c.Path == $"cam{camera}").Parameters is null; i++)
        {
            await Task.Delay(100, Ct);
        }

        var probe = await FfprobeClient.ReadAsync(fixture.Simulator.UrlOf(camera), "tcp", 3, Ct);
        Assert.Equal("h264", probe.Codec);
        Assert.Equal((width, height), (probe.Width, probe.Height));
        Assert.True(probe.Frames >= 10, $"only {probe.Frames} frames decoded: {probe.Error}");
        Assert.DoesNotContain("error", probe.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ffprobe_reads_over_udp()
    {
        var probe = await FfprobeClient.ReadAsync(fixture.Simulator.UrlOf(3), "udp", 3, Ct);
        Assert.Equal((1280, 720), (probe.Width, probe.Height));
        Assert.True(probe.Frames >= 25, $"only {probe.Frames} frames decoded: {probe.Error}");
    }

    [Fact]
    public async Task Fifty_concurrent_ffprobe_clients_are_served_every_frame_in_real_time()
    {
        const int clients = 50;
        const double seconds = 4;
        var paths = new[] { (Camera: 1, Fps: 10.0), (Camera: 3, Fps: 25.0), (Camera: 4, Fps: 25.0) };
        var runs = Enumerable.Range(0, clients).Select(i => paths[i % paths.Length])
            .Select(async p => (p.Fps, Probe: await FfprobeClient.CountPacketsAsync(fixture.Simulator.UrlOf(p.Camera), "tcp", seconds, Ct)))
            .ToList();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r =>
        {
            Assert.Equal("h264", r.Probe.Codec);
            // ffprobe stops at the first packet past the interval: every frame of those seconds, give or take one.
            Assert.True(r.Probe.Frames >= (r.Fps * seconds) - 1, $"{r.Probe.Frames} packets at {r.Fps} fps over {seconds} s: {r.Probe.Error}");
        });
    }

    [Fact]
    public async Task Unknown_path_is_not_found()
    {
        var url = fixture.Simulator.UrlOf(1).Replace("/cam1", "/cam99", StringComparison.Ordinal);
        var probe = await FfprobeClient.ReadAsync(url, "tcp", 1, Ct);
        Assert.Equal(string.Empty, probe.Codec);
        Assert.Contains("404", probe.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_only_mode_refuses_tcp_and_serves_udp()
    {
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 1, Port = 0, UdpOnly = true, LiveClock = false, CacheFolder = Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);
        var tcp = await FfprobeClient.ReadAsync(simulator.UrlOf(1), "tcp", 1, Ct);
        Assert.Contains("461", tcp.Error, StringComparison.Ordinal);
        var udp = await FfprobeClient.ReadAsync(simulator.UrlOf(1), "udp", 2, Ct);
        Assert.True(udp.Frames > 0, udp.Error);
    }
}
