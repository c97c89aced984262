using Vigie.Domain.Sites;

namespace Vigie.Server.Features.Sites;

public sealed record SiteDto(
    Guid Id,
    string Name,
    string Client,
    string Address,
    string AuthorisationNumber,
    DateOnly? AuthorisationExpiry,
    string AuthorisationPerimeter,
    IReadOnlyList<ContactInput> Contacts,
    string Notes,
    string PasswordHint)
{
    /// <summary>The retention period the site's authorisation allows; it bounds every camera of the site.</summary>
    public int RetentionDays { get; init; } = Vigie.Domain.Cameras.LegalRetention.MaxDays;

    /// <summary>The day the prefect signed the authorisation.</summary>
    public DateOnly? AuthorisationDate { get; init; }

    /// <summary>Where the prefectoral authorisation stands today (Missing, Valid, ExpiresWithin90, ExpiresWithin30, Expired); null where not evaluated.</summary>
    public string? AuthorisationState { get; init; }

    public static SiteDto From(Site site, DateOnly today) => From(site) with { AuthorisationState = site.AuthorisationStateOn(today).ToString() };

    public static SiteDto From(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new(site.Id.Value, site.Name, site.Client, site.Address, site.AuthorisationNumber, site.AuthorisationExpiry, site.AuthorisationPerimeter,
            site.Contacts.OrderBy(c => c.CallOrder).Select(c => new ContactInput(c.Name, c.Function, c.Phone, c.Email, c.IsKeyholder, c.CallOrder)).ToList(),
            site.Notes, site.PasswordHint)
        { RetentionDays = site.RetentionDays, AuthorisationDate = site.AuthorisationDate };
    }
}
