using Vigie.Media.Rtsp.Sdp;

namespace Vigie.Media.Tests.Rtsp;

public sealed class SdpParserTests
{
    // As sent by a common IP camera: session-level control, H.264 video, G.711 audio, metadata.
    private const string CameraSdp = "v=0\r\no=- 1 1 IN IP4 192.168.1.64\r\ns=Media Presentation\r\ne=NONE\r\nb=AS:5100\r\nt=0 0\r\na=control:rtsp://192.168.1.64:554/Streaming/Channels/101/\r\n"
        + "m=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:5000\r\na=recvonly\r\na=x-dimensions:1920,1080\r\na=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z01AKI2NQDwBE/LCAAAOEAACvyAI,aO44gA==\r\n"
        + "m=audio 0 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=control:trackID=2\r\n"
        + "m=application 0 RTP/AVP 107\r\na=control:trackID=3\r\na=rtpmap:107 vnd.onvif.metadata/90000\r\n";

    [Fact]
    public void A_camera_sdp_gives_tracks_codecs_and_raw_format_parameters()
    {
        var sdp = SdpParser.Parse(CameraSdp);
        Assert.Equal("rtsp://192.168.1.64:554/Streaming/Channels/101/", sdp.Control);
        Assert.Equal(3, sdp.Media.Length);
        var video = sdp.Media[0];
        Assert.Equal("video", video.MediaType);
        Assert.Equal(96, video.PayloadType);
        Assert.Equal("H264", video.EncodingName);
        Assert.Equal(90000, video.ClockRate);
        Assert.Equal("1", video.FormatParameters["packetization-mode"]);
        Assert.Equal("Z01AKI2NQDwBE/LCAAAOEAACvyAI,aO44gA==", video.FormatParameters["SPROP-PARAMETER-SETS"]);
        Assert.Equal("rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1", video.Control);
        Assert.Equal("PCMA", sdp.Media[1].EncodingName);
        Assert.Equal(8000, sdp.Media[1].ClockRate);
        Assert.Equal("trackID=2", sdp.Media[1].Control);
        Assert.Equal("VND.ONVIF.METADATA", sdp.Media[2].EncodingName);
    }

    [Fact]
    public void H265_sprop_vps_sps_pps_are_kept_and_bare_newlines_are_accepted()
    {
        var sdp = SdpParser.Parse("v=0\ns= \nm=video 0 RTP/AVP 97 96\na=rtpmap:96 H264/90000\na=rtpmap:97 H265/90000\na=fmtp:97 sprop-vps=QAEMAf//;sprop-sps=QgEBAWAA;sprop-pps=RAHA8vA8kAA=\na=control:*\n");
        var media = Assert.Single(sdp.Media);
        Assert.Equal([97, 96], media.PayloadTypes);
        Assert.Equal("H265", media.EncodingName);
        Assert.Equal("QAEMAf//", media.FormatParameters["sprop-vps"]);
        Assert.Equal("RAHA8vA8kAA=", media.FormatParameters["sprop-pps"]);
        Assert.Equal("*", media.Control);
        Assert.Null(sdp.Control);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>401</body></html>")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("s=no version first\r\nv=0\r\n")]
    [InlineData("v=0\r\nm=video\r\n")]
    [InlineData("v=0\r\nm=video 0 RTP/AVP ninety-six\r\n")]
    [InlineData("v=0\r\nm=video 0 RTP/AVP 300\r\n")]
    [InlineData("v=0\r\nm=video 99999 RTP/AVP 96\r\n")]
    [InlineData("v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/fast\r\n")]
    [InlineData("v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:x H264/90000\r\n")]
    [InlineData("v=0\r\nm=video 0 RTP/AVP 96\r\na=control:\u0000\u0001\r\n")]
    [InlineData("v=0\r\nthis is not sdp\r\n")]
    public void Garbage_is_a_parse_error_and_nothing_else(string text)
    {
        var error = Assert.Throws<SdpParseException>(() => SdpParser.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_the_parse_error()
    {
        var random = new Random(2326);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 4)
            {
                "v=0\n"u8.CopyTo(bytes);
            }

            try
            {
                SdpParser.Parse(bytes);
            }
            catch (SdpParseException)
            {
                // Expected for nearly every input.
            }
        }
    }

    [Fact]
    public void An_oversized_description_is_refused()
    {
        var text = "v=0\r\n" + new string('a', SdpParser.MaxLength);
        Assert.Throws<SdpParseException>(() => SdpParser.Parse(text));
    }
}
