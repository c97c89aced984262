namespace Vigie.Server.Features.Sites;

/// <summary>A site as an administrator edits it.</summary>
public sealed record SiteInput(
    string Name,
    string? Client,
    string? Address,
    string? AuthorisationNumber,
    DateOnly? AuthorisationExpiry,
    string? AuthorisationPerimeter,
    IReadOnlyList<ContactInput>? Contacts);
