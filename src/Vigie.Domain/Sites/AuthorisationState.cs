namespace Vigie.Domain.Sites;

/// <summary>Where a site's prefectoral authorisation (CSI L252-1) stands on a given day.</summary>
public enum AuthorisationState
{
    /// <summary>No authorisation recorded: the site's cameras may not film the public way.</summary>
    Missing,

    Valid,

    /// <summary>Valid, expiring within 90 days: time to ask for the renewal.</summary>
    ExpiresWithin90,

    /// <summary>Valid, expiring within 30 days.</summary>
    ExpiresWithin30,

    Expired,
}
