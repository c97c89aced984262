using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Server.Localization;

namespace Vigie.Server.Api;

/// <summary>
/// The one place where domain exceptions become HTTP answers: invalid input → 400 with the field at fault,
/// another site's resource → 403, missing → 404, not available now → 503. A request that cannot be bound
/// (malformed JSON, a value of the wrong type, an unknown enum name, a query parameter that does not parse) is
/// invalid input too: 400 naming the field, in the request's language. Anything else is a 500 with a log line.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem;
        switch (exception)
        {
            case DomainException domain:
                problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [domain.Field ?? string.Empty] = [domain.Message] })
                {
                    Status = domain.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                    Title = domain.IsConflict ? "Conflict" : "Invalid input",
                    Detail = domain.Message,
                };
                problem.Extensions["code"] = domain.Code;
                LogRejected(logger, httpContext.Request.Method, httpContext.Request.Path, domain.Code, domain.Message);
                break;
            case AccessDeniedException denied:
                problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = denied.Message };
                LogForbidden(logger, httpContext.User.Identity?.Name ?? "?", httpContext.Request.Method, httpContext.Request.Path, denied.Message);
                break;
            case NotFoundException missing:
                problem = new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = missing.Message };
                break;
            case UnavailableException unavailable:
                problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Unavailable", Detail = unavailable.Message };
                break;
            case BadHttpRequestException bad:
                var failure = RequestBindingFailure.Describe(
                    bad,
                    // The middleware clears the request's endpoint before calling handlers; its feature keeps it.
                    httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint(),
                    json.Value.SerializerOptions,
                    Language(httpContext));
                problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [failure.Field] = [failure.Message] })
                {
                    Status = failure.Status,
                    Title = failure.Status == StatusCodes.Status400BadRequest ? "Invalid input" : "Bad request",
                    Detail = failure.Message,
                };
                problem.Extensions["code"] = failure.Code;
                LogRejected(logger, httpContext.Request.Method, httpContext.Request.Path, failure.Code, bad.InnerException?.Message ?? bad.Message);
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    /// <summary>The language the request culture middleware chose (cookie set by /culture/{lang}; French by default).</summary>
    private static string Language(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName == UiText.English ? UiText.English : UiText.French;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} rejected ({Code}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{UserName} refused on {Method} {Path}: {Reason}")]
    private static partial void LogForbidden(ILogger logger, string userName, string method, string path, string reason);
}
