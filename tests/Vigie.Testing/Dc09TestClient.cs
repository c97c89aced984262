using System.Net;
using System.Net.Sockets;
using Vigie.Alarms.Dc09;

namespace Vigie.Testing;

/// <summary>A panel's side of one DC-09 exchange over TCP: send a frame, read and parse the answer.</summary>
public static class Dc09TestClient
{
    public static async Task<Dc09Frame> SendAsync(int port, byte[] frame, byte[]? key, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(frame, cancellationToken);
        var answer = new List<byte>();
        var one = new byte[1];
        while (answer.Count == 0 || answer[^1] != Dc09FrameWriter.Cr)
        {
            Assert.Equal(1, await stream.ReadAsync(one, cancellationToken));
            answer.Add(one[0]);
        }

        var parsed = Dc09Parser.Parse(answer.ToArray().AsSpan(1, answer.Count - 2), _ => key);
        Assert.True(parsed.Ok, parsed.Detail);
        return parsed.Frame!;
    }
}
