namespace Vigie.Storage.Logbook;

/// <summary>Filters of the log book list. Instants are UTC; null means unbounded. <see cref="Categories"/>: any of them.</summary>
public sealed record LogbookFilter(
    Guid? SiteId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Category = null,
    string? Author = null,
    int Limit = 200,
    long? BeforeId = null,
    IReadOnlyList<string>? Categories = null)
{
    public const int MaxLimit = 1000;
}
