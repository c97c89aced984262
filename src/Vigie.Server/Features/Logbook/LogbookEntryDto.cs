using Vigie.Domain.Logbook;

namespace Vigie.Server.Features.Logbook;

/// <summary>A log book entry as the API and hub send it.</summary>
public sealed record LogbookEntryDto(
    long Id,
    string Journal,
    long Sequence,
    DateTimeOffset RecordedAt,
    string AuthorName,
    Guid? SiteId,
    string Category,
    string Text,
    string References,
    long? CorrectsId,
    string Hash,
    string? AttachmentSha256 = null)
{
    public static LogbookEntryDto From(LogbookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.Journal == Domain.Logbook.Journal.Audit ? "audit" : "main-courante", entry.Sequence, entry.RecordedAt, entry.AuthorName,
            entry.SiteId, entry.Category, entry.Text, entry.References, entry.CorrectsId, entry.Hash,
            Domain.Logbook.AttachmentReference.Find(entry.References));
    }
}
