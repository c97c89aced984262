namespace Vigie.Server.Api;

/// <summary>
/// The checks every video WebSocket (live, playback) makes before anything else. Browsers do not apply
/// CORS to WebSockets: a page from another origin could open a video socket with the operator's cookies,
/// so only this host's own pages (or clients sending no Origin) are served.
/// </summary>
public static partial class WebSocketOrigin
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A plain request (400) or one from another origin (403, logged); null when the upgrade may go on.</summary>
    public static IResult? Refusal(HttpContext context, ILogger logger, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("This endpoint is a WebSocket: open it with an Upgrade request.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!IsSameOrigin(context.Request))
        {
            LogCrossOrigin(logger, endpoint, context.Request.Headers.Origin.ToString());
            return TypedResults.Problem("Cross-origin video requests are refused.", statusCode: StatusCodes.Status403Forbidden);
        }

        return null;
    }

    /// <summary>Middleware for the console's own channels (hub, circuits): a request from another origin gets 403, logged.</summary>
    public static Task RefuseCrossOrigin(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsSameOrigin(context.Request))
        {
            return next(context);
        }

        LogCrossOrigin(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSocketOrigin)), context.Request.Path, context.Request.Headers.Origin.ToString());
        // With a body, so that the console's status-code pages leave the answer as it is.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("Cross-origin requests to the console are refused.", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} refused: cross-origin request from {Origin}")]
    private static partial void LogCrossOrigin(ILogger logger, string endpoint, string origin);
}
