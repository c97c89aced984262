namespace Vigie.Server.Features.Sites;

/// <summary>
/// A camera as an administrator edits it. <see cref="Password"/>: null keeps the stored one, empty
/// removes it, anything else replaces it (encrypted before it is stored). <see cref="RetentionDays"/>: null takes the
/// site's authorised period; more than it is refused (CSI L252-5). <see cref="CoveredByAuthorisation"/>: null keeps it.
/// </summary>
public sealed record CameraInput(
    Guid SiteId,
    string Name,
    string MainStreamUrl,
    string? SubStreamUrl,
    string? Username,
    string? Password,
    int? RetentionDays = null,
    bool? CoveredByAuthorisation = null);
