using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigie.Domain.Logbook;
using Vigie.Server.Audit;

namespace Vigie.Server.Security;

/// <summary>Ends a console or API session and writes it to the audit journal.</summary>
public static class SessionCookie
{
    public static async Task SignOutAsync(HttpContext http, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(audit);
        var name = http.User.Identity?.Name ?? "?";
        await audit.WriteAsync(AuditCategory.SignOut, $"{name} signed out", VigieClaims.PersonIdOf(http.User), name, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }
}
