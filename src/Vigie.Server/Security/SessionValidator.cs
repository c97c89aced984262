using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vigie.Domain.People;
using Vigie.Storage.Database;

namespace Vigie.Server.Security;

/// <summary>
/// Re-checks every session against storage on each request: a disabled account, a changed password,
/// role or sites (new security stamp) or an expired card ends the session at once.
/// </summary>
public sealed class SessionValidator(VigieDbFactory dbFactory, SessionStore sessions, TimeProvider time, ILogger<SessionValidator> logger)
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reason = await FindReasonToEndAsync(context.Principal, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (reason is not null)
        {
            SecurityLog.SessionRejected(logger, context.Principal?.Identity?.Name ?? "?", reason);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the session is still good, else why it must end.</summary>
    public async Task<string?> FindReasonToEndAsync(System.Security.Claims.ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        var id = VigieClaims.PersonIdOf(principal);
        if (id is null)
        {
            return "no person in session";
        }

        if (VigieClaims.SessionIdOf(principal) is not { } session
            || await sessions.FindOpenAsync(session, cancellationToken).ConfigureAwait(false) is null)
        {
            return "session ended";
        }

        await using var db = dbFactory.CreateDbContext();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id.Value, cancellationToken).ConfigureAwait(false);
        if (person is null || !person.IsActive)
        {
            return "account removed or disabled";
        }

        if (person.AccessExpiredAt(time.GetUtcNow()))
        {
            return "authority account expired";
        }

        if (person.SecurityStamp != principal!.FindFirst(VigieClaims.SecurityStamp)?.Value)
        {
            return "password, role or sites changed";
        }

        return person.CardStatusOn(ParisClock.Today(time)) is CardStatus.Expired or CardStatus.Missing
            ? "professional card expired"
            : null;
    }
}
