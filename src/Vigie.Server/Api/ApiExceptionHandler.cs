using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Vigie.Domain;
using Vigie.Domain.Access;

namespace Vigie.Server.Api;

/// <summary>
/// The one place where domain exceptions become HTTP answers: invalid input → 400 with the field at fault,
/// another site's resource → 403, missing → 404, not available now → 503. Anything else is a 500 with a log line.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
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
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid input",
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
                problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = bad.Message };
                LogRejected(logger, httpContext.Request.Method, httpContext.Request.Path, "bad_request", bad.Message);
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} rejected ({Code}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{UserName} refused on {Method} {Path}: {Reason}")]
    private static partial void LogForbidden(ILogger logger, string userName, string method, string path, string reason);
}
