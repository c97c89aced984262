using Vigie.Domain.Cameras;

namespace Vigie.Domain.Tests.Cameras;

public sealed class CameraTests
{
    private static Camera NewCamera() => new(CameraId.New(), SiteId.New(), "Quai 3", "rtsp://192.0.2.10:554/Streaming/Channels/101");

    [Fact]
    public void A_new_camera_keeps_recordings_thirty_days()
    {
        Assert.Equal(30, NewCamera().RetentionDays);
    }

    [Fact]
    public void Thirty_days_of_retention_is_accepted()
    {
        var camera = NewCamera();

        camera.SetRetention(30);

        Assert.Equal(30, camera.RetentionDays);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(365)]
    public void Retention_over_thirty_days_is_refused_citing_article_L252_5(int days)
    {
        var camera = NewCamera();

        var error = Assert.Throws<DomainException>(() => camera.SetRetention(days));

        Assert.Equal("camera.retention_over_legal_limit", error.Code);
        Assert.Contains("L252-5", error.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(Camera.RetentionDays), error.Field);
        Assert.Equal(30, camera.RetentionDays);
    }

    [Fact]
    public void Retention_of_zero_days_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => NewCamera().SetRetention(0));

        Assert.Equal("camera.retention_too_short", error.Code);
    }

    [Theory]
    [InlineData("rtsp://192.0.2.10/stream1")]
    [InlineData("rtsps://cam.example.test:322/live")]
    [InlineData("  rtsp://192.0.2.10:8554/h264  ")]
    public void Rtsp_and_rtsps_addresses_are_accepted(string url)
    {
        var camera = new Camera(CameraId.New(), SiteId.New(), "Entrée", url);

        Assert.Equal(url.Trim(), camera.MainStreamUrl);
    }

    [Theory]
    [InlineData("http://192.0.2.10/stream1")]
    [InlineData("192.0.2.10/stream1")]
    [InlineData("rtsp//missing-colon")]
    public void Addresses_that_are_not_rtsp_are_refused(string url)
    {
        var error = Assert.Throws<DomainException>(() => new Camera(CameraId.New(), SiteId.New(), "Entrée", url));

        Assert.Equal("camera.url_invalid", error.Code);
        Assert.Equal(nameof(Camera.MainStreamUrl), error.Field);
    }

    [Theory]
    [InlineData("rtsp://admin:secret@192.0.2.10/stream1")]
    [InlineData("rtsp://admin@192.0.2.10/stream1")]
    public void Addresses_carrying_credentials_are_refused_so_passwords_never_sit_in_clear(string url)
    {
        var error = Assert.Throws<DomainException>(() => new Camera(CameraId.New(), SiteId.New(), "Entrée", url));

        Assert.Equal("camera.url_has_credentials", error.Code);
    }

    [Fact]
    public void A_sub_stream_with_credentials_is_refused_on_update()
    {
        var camera = NewCamera();

        var error = Assert.Throws<DomainException>(() => camera.Update("Quai 3", camera.MainStreamUrl, "rtsp://u:p@192.0.2.10/sub", 30));

        Assert.Equal("camera.url_has_credentials", error.Code);
        Assert.Equal(nameof(Camera.SubStreamUrl), error.Field);
    }

    [Fact]
    public void The_sub_stream_may_be_left_empty_but_the_main_stream_may_not()
    {
        var camera = NewCamera();

        camera.Update("Quai 3", camera.MainStreamUrl, "  ", 15);
        var error = Assert.Throws<DomainException>(() => camera.Update("Quai 3", "", "", 15));

        Assert.Equal(string.Empty, camera.SubStreamUrl);
        Assert.Equal(15, camera.RetentionDays);
        Assert.Equal("camera.url_required", error.Code);
    }
}
