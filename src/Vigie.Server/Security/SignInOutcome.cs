namespace Vigie.Server.Security;

public enum SignInOutcome
{
    Success,
    InvalidCredentials,
    /// <summary>Too many failed tries in a row: the try was not even checked (<see cref="SignInResult.RetryAfter"/>).</summary>
    Throttled,
    CardExpired,
    CardMissing,
    Inactive,
}
