using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Checks an API refusal: its status, its stable <c>code</c> and, when asked, what its message names.</summary>
internal static class Refusals
{
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? mentions = null)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True((status, code) == (response.StatusCode, body.TryGetProperty("code", out var c) ? c.GetString() : null), $"{response.StatusCode}: {body}");
        if (mentions is not null)
        {
            Assert.Contains(mentions, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
