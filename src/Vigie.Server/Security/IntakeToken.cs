namespace Vigie.Server.Security;

/// <summary>
/// How a webhook source proves who it is: <c>Authorization: Bearer TOKEN</c>, checked against the token hash of
/// the source named in the URL by its own authentication scheme, and required by its own policy. A session
/// cookie never opens the webhook, and a source's token opens nothing else.
/// </summary>
public static class IntakeToken
{
    public const string Scheme = "IntakeToken";

    /// <summary>The authorisation policy of the webhook endpoint: a principal of <see cref="Scheme"/> carrying <see cref="SourceClaim"/>.</summary>
    public const string Policy = "IntakeWebhook";

    /// <summary>The rate-limiting policy of the webhook endpoint, partitioned by source.</summary>
    public const string RateLimit = "intake-webhook";

    /// <summary>The name of the source whose token was presented.</summary>
    public const string SourceClaim = "vigie:intake-source";
}
