using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Audit;

/// <summary>Writes the audit journal: who did what, chained like the main courante.</summary>
public sealed class AuditLog(LogbookWriter writer)
{
    public Task WriteAsync(string category, string text, Actor? actor, SiteId? site = null, string references = "", CancellationToken cancellationToken = default) =>
        WriteAsync(category, text, actor?.Id, actor?.UserName ?? "Vigie", site, references, cancellationToken);

    public Task WriteAsync(string category, string text, PersonId? authorId, string authorName, SiteId? site = null, string references = "", CancellationToken cancellationToken = default) =>
        writer.AppendAsync(new LogbookDraft(Journal.Audit, category, text, site, authorId, authorName, references), cancellationToken);
}
