using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Vigie.Server.Audit;
using Vigie.Server.Localization;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>Plain HTTP endpoints of the console: language switch and sign-out (a form post with antiforgery).</summary>
public static class ConsoleEndpoints
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGet("/culture/{lang}", (string lang, string? returnUrl, HttpContext http) =>
        {
            var culture = lang == "en" ? UiText.English : UiText.French;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();

        // Minimal APIs check antiforgery only for endpoints that bind a form, and this one binds none: the
        // token of the console's sign-out form is checked here, so another site cannot end a session.
        app.MapPost("/account/logout", async Task<Results<RedirectHttpResult, ContentHttpResult>> (HttpContext http, AuditLog audit, SessionStore sessions, IAntiforgery antiforgery, UiText text) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                return TypedResults.Text(text["top.sign_out_refused"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            await SessionCookie.SignOutAsync(http, audit, sessions).ConfigureAwait(false);
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization(Policies.SignedIn);
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
