namespace Vigie.Server.Features.Sites;

/// <summary>A site as an administrator edits it. Notes and the password hint are kept as they are when not given (null).</summary>
public sealed record SiteInput(
    string Name,
    string? Client,
    string? Address,
    string? AuthorisationNumber,
    DateOnly? AuthorisationExpiry,
    string? AuthorisationPerimeter,
    IReadOnlyList<ContactInput>? Contacts,
    string? Notes = null,
    string? PasswordHint = null);
