using Vigie.Domain.People;

namespace Vigie.Server.Security;

/// <summary>What a sign-in attempt gave; <see cref="Person"/> is set only on success.</summary>
public sealed record SignInResult(SignInOutcome Outcome, Person? Person = null, DateOnly? CardExpiry = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Outcome == SignInOutcome.Success;
}
