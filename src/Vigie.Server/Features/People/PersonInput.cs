using Vigie.Domain.People;

namespace Vigie.Server.Features.People;

/// <summary>
/// A person as an administrator edits them. <see cref="Password"/>: null or empty keeps the current one
/// (required when creating).
/// </summary>
public sealed record PersonInput(
    string UserName,
    string DisplayName,
    Role Role,
    string? CardNumber,
    DateOnly? CardExpiry,
    IReadOnlyList<Guid>? SiteIds,
    bool IsActive = true,
    string? Password = null);
