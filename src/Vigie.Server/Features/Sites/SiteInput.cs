namespace Vigie.Server.Features.Sites;

/// <summary>
/// A site as an administrator edits it. Notes, the password hint and the authorised retention (days, at most 30: CSI
/// L252-5) are kept as they are when not given (null).
/// </summary>
public sealed record SiteInput(
    string Name,
    string? Client,
    string? Address,
    string? AuthorisationNumber,
    DateOnly? AuthorisationExpiry,
    string? AuthorisationPerimeter,
    IReadOnlyList<ContactInput>? Contacts,
    string? Notes = null,
    string? PasswordHint = null,
    int? RetentionDays = null,
    DateOnly? AuthorisationDate = null);
