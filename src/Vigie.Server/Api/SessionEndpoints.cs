using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigie.Domain.People;
using Vigie.Server.Audit;
using Vigie.Server.Features.People;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>Sign-in and sign-out for API clients (the console uses the same services through its pages).</summary>
public static class SessionEndpoints
{
    public sealed record SignInRequest(string UserName, string Password);

    public sealed record SessionResponse(string UserName, string DisplayName, Role Role, DateOnly? CardExpiry);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapPost("/session", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (SignInRequest request, HttpContext http, SignInService signIn, SessionStore sessions) =>
        {
            var result = await signIn.SignInAsync(request.UserName, request.Password, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
            if (result.Outcome == SignInOutcome.Throttled)
            {
                http.Response.Headers.RetryAfter = SignInMessages.RetrySeconds(result).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in refused", detail: SignInMessages.English(result),
                    extensions: new Dictionary<string, object?> { ["code"] = result.Outcome.ToString() });
            }

            if (!result.Succeeded)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused", detail: SignInMessages.English(result),
                    extensions: new Dictionary<string, object?> { ["code"] = result.Outcome.ToString() });
            }

            var person = result.Person!;
            await SessionCookie.SignInAsync(http, person, sessions).ConfigureAwait(false);
            return TypedResults.Ok(new SessionResponse(person.UserName, person.DisplayName, person.Role, person.CardExpiry));
        }).AllowAnonymous().RequireRateLimiting(SignInThrottle.RateLimitPolicy);

        api.MapDelete("/session", async (HttpContext http, AuditLog audit, SessionStore sessions) =>
        {
            await SessionCookie.SignOutAsync(http, audit, sessions).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.SignedIn);

        api.MapGet("/me", async (CurrentActor me, PeopleService people, CancellationToken ct) =>
            TypedResults.Ok(await people.GetSelfAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.SignedIn);
    }
}
