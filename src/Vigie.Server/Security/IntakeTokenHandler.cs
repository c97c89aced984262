using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigie.Domain.Alarms;
using Vigie.Server.Alarms;

namespace Vigie.Server.Security;

/// <summary>
/// Authenticates a webhook call: the bearer token's SHA-256 is compared in constant time with the stored hash
/// of the source named in the route. An unknown source, a disabled one and a wrong token get the same 401,
/// after the same work, so that a caller cannot learn which sources exist; the log says which it was, never
/// the token.
/// </summary>
public sealed partial class IntakeTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IntakeSourceDirectory sources,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    /// <summary>Compared against when the source does not exist, so that the answer takes as long.</summary>
    private static readonly byte[] Nothing = SHA256.HashData("no such source"u8);

    private readonly ILogger _log = loggers.CreateLogger<IntakeTokenHandler>();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = Request.RouteValues.TryGetValue("source", out var value) ? value as string ?? string.Empty : string.Empty;
        var remote = Context.Connection.RemoteIpAddress?.ToString() ?? "?";
        // The name comes from the caller: logged only when it is a well-formed source name.
        var shown = name.Length <= IntakeSource.MaxNameLength && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') ? name : "(malformed name)";
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            LogRefused(_log, shown, remote, "no bearer token");
            return Task.FromResult(AuthenticateResult.Fail("A bearer token is required."));
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
        var entry = sources.Find(name);
        var expected = entry is { Kind: IntakeSourceKind.Webhook, TokenHash: { } hash } ? hash : Nothing;
        var match = CryptographicOperations.FixedTimeEquals(presented, expected);
        if (!match || entry is null || !entry.Enabled)
        {
            LogRefused(_log, shown, remote, entry is null || entry.Kind != IntakeSourceKind.Webhook ? "unknown source" : !match ? "wrong token" : "source disabled");
            return Task.FromResult(AuthenticateResult.Fail("Invalid token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"webhook:{entry.Name}"), new Claim(IntakeToken.SourceClaim, entry.Name)], IntakeToken.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), IntakeToken.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "Unknown source or invalid token: send Authorization: Bearer with the token given when the source was declared.",
            },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook call for source {Source} from {Remote} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string source, string remote, string reason);
}
