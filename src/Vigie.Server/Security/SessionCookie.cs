using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Audit;

namespace Vigie.Server.Security;

/// <summary>Starts and ends a console or API session: its server-side record (<see cref="SessionStore"/>) and its cookie.</summary>
public static class SessionCookie
{
    public static async Task SignInAsync(HttpContext http, Person person, SessionStore sessions)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(sessions);
        var principal = await sessions.StartAsync(person, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
    }

    /// <summary>Ends the session server-side (its cookie is refused from now on, wherever a copy of it is) and writes it to the audit journal.</summary>
    public static async Task SignOutAsync(HttpContext http, AuditLog audit, SessionStore sessions)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(sessions);
        var name = http.User.Identity?.Name ?? "?";
        if (VigieClaims.SessionIdOf(http.User) is { } session)
        {
            await sessions.EndAsync(session, "signed out", http.RequestAborted).ConfigureAwait(false);
        }

        await audit.WriteAsync(AuditCategory.SignOut, $"{name} signed out", VigieClaims.PersonIdOf(http.User), name, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }
}
