using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Ingest;

public sealed class CameraHealthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Video_loss_is_raised_once_after_the_delay_and_restored_on_the_next_frame()
    {
        var health = new CameraHealth(T0, videoLossDelay: TimeSpan.FromSeconds(10));
        Assert.Null(health.FrameReceived(T0.AddSeconds(1)));
        Assert.Equal(CameraState.Streaming, health.State);
        health.Disconnected(T0.AddSeconds(2), "connection reset");

        Assert.Null(health.Evaluate(T0.AddSeconds(10)));
        var lost = health.Evaluate(T0.AddSeconds(11.5));
        Assert.Equal(HealthEventKind.VideoLost, lost!.Kind);
        Assert.Equal(T0.AddSeconds(1), lost.LastFrameAt);
        Assert.Contains("connection reset", lost.Detail, StringComparison.Ordinal);
        Assert.Equal(CameraState.Offline, health.State);
        Assert.Null(health.Evaluate(T0.AddSeconds(30)));

        var restored = health.FrameReceived(T0.AddSeconds(40));
        Assert.Equal(HealthEventKind.VideoRestored, restored!.Kind);
        Assert.Null(health.FrameReceived(T0.AddSeconds(40.04)));
    }

    [Fact]
    public void A_camera_that_never_sends_is_lost_after_the_delay()
    {
        var health = new CameraHealth(T0, videoLossDelay: TimeSpan.FromSeconds(5));
        Assert.Null(health.Evaluate(T0.AddSeconds(4)));
        Assert.Equal(HealthEventKind.VideoLost, health.Evaluate(T0.AddSeconds(5))!.Kind);
    }

    [Fact]
    public void Problems_degrade_a_streaming_camera_until_they_stop()
    {
        var health = new CameraHealth(T0, degradedHold: TimeSpan.FromSeconds(30));
        health.FrameReceived(T0);
        health.Problem(T0.AddSeconds(1), "3 packets lost");
        Assert.Equal(CameraState.Degraded, health.State);
        health.FrameReceived(T0.AddSeconds(2));
        Assert.Equal(CameraState.Degraded, health.State);
        health.FrameReceived(T0.AddSeconds(32));
        Assert.Equal(CameraState.Streaming, health.State);
    }

    [Fact]
    public void Reconnects_are_counted()
    {
        var health = new CameraHealth(T0);
        health.Connecting(T0);
        health.FrameReceived(T0.AddSeconds(1));
        health.Disconnected(T0.AddSeconds(2), "eof");
        health.Connecting(T0.AddSeconds(3));
        health.Connecting(T0.AddSeconds(5));
        Assert.Equal(2, health.Reconnects);
    }
}
