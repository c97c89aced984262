namespace Vigie.Server.Security;

public enum SignInOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
    CardExpired,
    CardMissing,
    Inactive,
}
