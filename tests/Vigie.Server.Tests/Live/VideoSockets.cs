using System.Net;
using System.Net.WebSockets;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Live;

/// <summary>What the live and playback socket tests share: a refused upgrade's status, and waiting for audit entries.</summary>
internal static class VideoSockets
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The HTTP status of an upgrade the server refuses (the test fails if it is accepted).</summary>
    public static async Task<HttpStatusCode> UpgradeStatusAsync(Uri uri, string? cookie, string? origin = null)
    {
        using var socket = new ClientWebSocket();
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, Ct);
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }

        Assert.Fail($"the socket {uri} was accepted");
        return HttpStatusCode.SwitchingProtocols;
    }

    /// <summary>The texts of the audit entries of <paramref name="category"/>, once there are at least <paramref name="count"/>.</summary>
    public static async Task<List<string>> WaitForAuditAsync(TestHost host, string category, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = host.Service<VigieDbFactory>().CreateDbContext();
            var texts = await db.LogbookEntries.Where(e => e.Journal == Journal.Audit && e.Category == category).Select(e => e.Text).ToListAsync(Ct);
            if (texts.Count >= count)
            {
                return texts;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"fewer than {count} audit entries {category}");
        return [];
    }
}
