using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;

namespace Vigie.Bench.Live;

/// <summary>
/// The fan-out phase's viewers, in a child process so their own CPU is not counted as the host's: N
/// WebSocket clients spread over the cameras, each reading every message as a browser would, for S
/// seconds. Prints one line: viewers, messages, bytes, fragments, stalled viewers.
/// </summary>
public static class ViewerClients
{
    public static async Task<int> RunAsync(string baseAddress, string cookie, IReadOnlyList<string> cameras, int count, double seconds)
    {
        var authority = new Uri(baseAddress).Authority;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var viewers = Enumerable.Range(0, count).Select(i => ViewAsync(new Uri($"ws://{authority}/api/cameras/{cameras[i % cameras.Count]}/live"), cookie, stop.Token)).ToArray();
        var results = await Task.WhenAll(viewers).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"viewers {count} fragments {results.Sum(r => r.Fragments)} bytes {results.Sum(r => r.Bytes)} min-fragments {results.Min(r => r.Fragments)} failed {results.Count(r => r.Failed)}"));
        return 0;
    }

    private static async Task<(long Fragments, long Bytes, bool Failed)> ViewAsync(Uri uri, string cookie, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        var buffer = new byte[1024 * 1024];
        long fragments = 0, bytes = 0;
        try
        {
            await socket.ConnectAsync(uri, stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop).ConfigureAwait(false);
                bytes += result.Count;
                if (result.EndOfMessage && result.MessageType == WebSocketMessageType.Binary)
                {
                    fragments++;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return (fragments, bytes, false);
        }
        catch (WebSocketException ex)
        {
            Debug.WriteLine(ex.Message);
            return (fragments, bytes, true);
        }

        return (fragments, bytes, false);
    }
}
