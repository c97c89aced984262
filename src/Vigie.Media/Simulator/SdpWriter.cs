using System.Globalization;
using System.Net;
using System.Text;
using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

/// <summary>The session description of a simulated camera (RFC 4566, H.264 payload format RFC 6184 §8.1).</summary>
public static class SdpWriter
{
    public static string Describe(SimulatedCamera camera, IPAddress serverAddress)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(serverAddress);
        var sdp = new StringBuilder();
        var session = Random.Shared.NextInt64(1, long.MaxValue);
        sdp.Append(CultureInfo.InvariantCulture, $"v=0\r\no=- {session} 1 IN IP4 {serverAddress}\r\ns=Vigie camera simulator {camera.Path}\r\n");
        sdp.Append("c=IN IP4 0.0.0.0\r\nt=0 0\r\na=control:*\r\na=range:npt=0-\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"m=video 0 RTP/AVP {SimulatedCamera.PayloadType}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{SimulatedCamera.PayloadType} H264/90000\r\n");
        var fmtp = new StringBuilder("packetization-mode=1");
        if (camera.Parameters is { IsComplete: true } sets)
        {
            var sps = sets.Sps[0];
            if (sps.Length >= 4)
            {
                fmtp.Append(CultureInfo.InvariantCulture, $";profile-level-id={sps[1]:X2}{sps[2]:X2}{sps[3]:X2}");
            }

            fmtp.Append(";sprop-parameter-sets=").Append(Convert.ToBase64String(sps)).Append(',').Append(Convert.ToBase64String(sets.Pps[0]));
        }

        sdp.Append(CultureInfo.InvariantCulture, $"a=fmtp:{SimulatedCamera.PayloadType} {fmtp}\r\n");
        sdp.Append("a=control:trackID=0\r\n");
        return sdp.ToString();
    }
}
