namespace Vigie.Server.Api;

/// <summary>
/// Browsers do not apply CORS to WebSockets: a page from another origin could open a video socket with
/// the operator's cookies. Only this host's own pages (or clients sending no Origin) are served.
/// </summary>
public static class WebSocketOrigin
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
