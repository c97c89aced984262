using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vigie.E2E;

/// <summary>
/// Makes a page's interactive circuit answer late, as a loaded server or a slow network does: every message
/// from the server (render batches included) reaches the page <c>delay</c> after the previous one, in order;
/// what the page sends goes at once. A test that types before the page shows the answer to its last click
/// fails under it, instead of once in a while under parallel load.
/// </summary>
internal static partial class SlowLink
{
    public static Task ApplyAsync(IPage page, TimeSpan delay) =>
        page.RouteWebSocketAsync(BlazorCircuit(), browserSide =>
        {
            var server = browserSide.ConnectToServer();
            var gate = new object();
            var delivered = Task.CompletedTask;
            browserSide.OnMessage(frame => Forward(frame, server));
            server.OnMessage(frame =>
            {
                lock (gate)
                {
                    delivered = delivered.ContinueWith(
                        async _ =>
                        {
                            await Task.Delay(delay);
                            Forward(frame, browserSide);
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.None,
                        TaskScheduler.Default).Unwrap();
                }
            });
        });

    private static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
    {
        if (frame.Binary is { } bytes)
        {
            to.Send(bytes);
        }
        else
        {
            to.Send(frame.Text!);
        }
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorCircuit();
}
