using System.Net.Sockets;

namespace Vigie.Bench.Recording;

/// <summary>
/// Refuses to start on a port something already listens on: the simulator binds with SO_REUSEADDR (which
/// .NET maps to SO_REUSEPORT on Linux), so a leftover simulator would silently share the port and take
/// half of the connections.
/// </summary>
public static class PortCheck
{
    public static async Task EnsureFreeAsync(int port, string what)
    {
        using var probe = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await probe.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return;
        }

        throw new InvalidOperationException($"Port {port} ({what}) is already in use: stop whatever listens there or choose another port.");
    }
}
