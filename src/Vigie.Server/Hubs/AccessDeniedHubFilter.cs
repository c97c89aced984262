using Microsoft.AspNetCore.SignalR;
using Vigie.Domain;
using Vigie.Domain.Access;

namespace Vigie.Server.Hubs;

/// <summary>Turns domain refusals into hub errors the client sees ("forbidden: ...", "not found: ..."), with a log line.</summary>
public sealed partial class AccessDeniedHubFilter(ILogger<AccessDeniedHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (AccessDeniedException ex)
        {
            LogRefused(logger, invocationContext.Context.User?.Identity?.Name ?? "?", invocationContext.HubMethodName, ex.Message);
            throw new HubException($"forbidden: {ex.Message}");
        }
        catch (NotFoundException ex)
        {
            throw new HubException($"not found: {ex.Message}");
        }
        catch (DomainException ex)
        {
            throw new HubException($"invalid: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} by {UserName} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string userName, string method, string reason);
}
