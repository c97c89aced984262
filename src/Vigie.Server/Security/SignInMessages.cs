namespace Vigie.Server.Security;

/// <summary>What a refused sign-in tells the person. Wrong user name and wrong password read the same.</summary>
public static class SignInMessages
{
    public static string English(SignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            SignInOutcome.LockedOut => $"Account locked after repeated failed sign-ins, until {result.LockedUntil:yyyy-MM-dd HH:mm} UTC. Ask an administrator or wait.",
            SignInOutcome.CardExpired => $"Your professional card (CNAPS) expired on {result.CardExpiry:yyyy-MM-dd}. Sign-in is blocked until an administrator records the renewed card.",
            SignInOutcome.CardMissing => "No professional card (CNAPS) is recorded for you. Ask an administrator to record it.",
            SignInOutcome.Inactive => "This account is disabled. Ask an administrator.",
            _ => "Wrong user name or password.",
        };
    }
}
