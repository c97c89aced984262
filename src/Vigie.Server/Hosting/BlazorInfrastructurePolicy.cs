using Microsoft.AspNetCore.Authorization;

namespace Vigie.Server.Hosting;

/// <summary>
/// Gives the console's framework endpoints an explicit policy: the interactive circuit (/_blazor) needs a
/// signed-in person (every interactive page does); the framework's public scripts are anonymous. Pages
/// carry their own [Authorize]/[AllowAnonymous] attributes and are left alone.
/// </summary>
public static class BlazorInfrastructurePolicy
{
    public static void Apply(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous))
        {
            return;
        }

        var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? string.Empty;
        if (pattern.StartsWith("/_blazor", StringComparison.Ordinal) || pattern.StartsWith("_blazor", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new AuthorizeAttribute(Security.Policies.SignedIn));
        }
        else if (pattern.Contains("_framework", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
        }
    }
}
