namespace Vigie.Server.Security;

/// <summary>What a refused sign-in tells the person. Wrong user name and wrong password read the same.</summary>
public static class SignInMessages
{
    public static string English(SignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            SignInOutcome.Throttled => $"Too many failed sign-ins in a row: try again in {RetrySeconds(result)} s, or ask an administrator to lift the wait.",
            SignInOutcome.CardExpired => $"Your professional card (CNAPS) expired on {result.CardExpiry:yyyy-MM-dd}. Sign-in is blocked until an administrator records the renewed card.",
            SignInOutcome.CardMissing => "No professional card (CNAPS) is recorded for you. Ask an administrator to record it.",
            SignInOutcome.Inactive => "This account is disabled. Ask an administrator.",
            _ => "Wrong user name or password.",
        };
    }

    /// <summary>Whole seconds to wait before the next try (at least 1).</summary>
    public static int RetrySeconds(SignInResult result) =>
        Math.Max(1, (int)Math.Ceiling((result?.RetryAfter ?? TimeSpan.Zero).TotalSeconds));
}
