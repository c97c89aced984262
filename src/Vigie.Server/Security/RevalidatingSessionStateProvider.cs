using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Vigie.Server.Security;

/// <summary>Re-checks an open console's session every minute (disabled account, changed role, expired card).</summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, SessionValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return await validator.FindReasonToEndAsync(authenticationState.User, cancellationToken).ConfigureAwait(false) is null;
    }
}
