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

        app.MapPost("/account/logout", async (HttpContext http, AuditLog audit) =>
        {
            await SessionCookie.SignOutAsync(http, audit).ConfigureAwait(false);
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization(Policies.SignedIn);
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
