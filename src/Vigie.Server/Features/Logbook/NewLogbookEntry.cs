namespace Vigie.Server.Features.Logbook;

/// <summary>A person's new main-courante entry. <see cref="SiteId"/> null means not tied to one site.</summary>
public sealed record NewLogbookEntry(Guid? SiteId, string Category, string Text, string? References = null);
