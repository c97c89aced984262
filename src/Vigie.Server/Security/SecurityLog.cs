using Microsoft.Extensions.Logging;

namespace Vigie.Server.Security;

/// <summary>Log catalogue of sign-in and setup. Passwords and setup secrets are never logged.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in of {UserName} succeeded")]
    public static partial void SignedIn(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in of {UserName} refused: {Outcome}")]
    public static partial void SignInRefused(ILogger logger, string userName, SignInOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in tries for {UserName} from {Address} throttled after repeated failures (next try in {Wait})")]
    public static partial void Throttled(ILogger logger, string userName, string address, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Setup link created, valid until {ExpiresAt}")]
    public static partial void SetupLinkCreated(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "First administrator {UserName} created through the setup link")]
    public static partial void SetupCompleted(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setup link refused: {Reason}")]
    public static partial void SetupRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session of {UserName} ended: {Reason}")]
    public static partial void SessionRejected(ILogger logger, string userName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} open sessions ended: {Reason}")]
    public static partial void SessionsEnded(ILogger logger, int count, string reason);
}
