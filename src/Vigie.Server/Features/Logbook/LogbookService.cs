using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Logbook;

/// <summary>Main courante and audit journal for people: every call checks the actor's permission and sites.</summary>
public sealed class LogbookService(VigieDbFactory dbFactory, LogbookWriter writer)
{
    public async Task<IReadOnlyList<LogbookEntryDto>> ListAsync(Actor actor, Journal journal, LogbookFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        actor.Demand(journal == Journal.Audit ? Permission.AuditRead : Permission.LogbookRead);
        if (filter.SiteId is { } site)
        {
            actor.DemandSite(new SiteId(site));
        }

        await using var db = dbFactory.CreateDbContext();
        var entries = await LogbookQueries.ListAsync(db, actor, journal, filter, cancellationToken).ConfigureAwait(false);
        return entries.Select(LogbookEntryDto.From).ToList();
    }

    public async Task<LogbookEntryDto> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.LogbookRead);
        await using var db = dbFactory.CreateDbContext();
        var entry = await LogbookQueries.FindAsync(db, actor, Journal.MainCourante, id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Entry #{id} does not exist.");
        return LogbookEntryDto.From(entry);
    }

    public Task<LogbookEntryDto> AddAsync(Actor actor, NewLogbookEntry request, CancellationToken cancellationToken = default) =>
        AddAsync(actor, request, vigieReferences: null, cancellationToken);

    /// <summary>
    /// Appends a person's entry; <paramref name="vigieReferences"/> are the ones Vigie adds itself (the
    /// attachment it has just stored), the only way an entry names an attachment.
    /// </summary>
    public async Task<LogbookEntryDto> AddAsync(Actor actor, NewLogbookEntry request, string? vigieReferences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.LogbookWrite);
        AttachmentReference.DemandNone(request.References, nameof(NewLogbookEntry.References));
        var category = request.Category?.Trim() ?? string.Empty;
        if (!LogbookCategory.IsManual(category))
        {
            throw new DomainException("logbook.category_unknown", $"Unknown category '{category}'.", nameof(NewLogbookEntry.Category));
        }

        SiteId? site = request.SiteId is { } s ? new SiteId(s) : null;
        if (site is not null)
        {
            actor.DemandSite(site.Value);
            await EnsureSiteExistsAsync(site.Value, cancellationToken).ConfigureAwait(false);
        }

        var entry = await writer.AppendAsync(
            new LogbookDraft(Journal.MainCourante, category, request.Text ?? string.Empty, site, actor.Id, actor.DisplayName,
                string.Join(' ', new[] { request.References?.Trim(), vigieReferences }.Where(r => !string.IsNullOrEmpty(r)))),
            cancellationToken).ConfigureAwait(false);
        return LogbookEntryDto.From(entry);
    }

    public async Task<LogbookEntryDto> CorrectAsync(Actor actor, long correctedId, LogbookCorrection request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.LogbookWrite);
        AttachmentReference.DemandNone(request.References, nameof(LogbookCorrection.References));
        LogbookEntry corrected;
        await using (var db = dbFactory.CreateDbContext())
        {
            corrected = await LogbookQueries.FindAsync(db, actor, Journal.MainCourante, correctedId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"Entry #{correctedId} does not exist.");
        }

        var category = LogbookCategory.IsManual(corrected.Category) ? corrected.Category : LogbookCategory.Information;
        var entry = await writer.AppendAsync(
            new LogbookDraft(Journal.MainCourante, category, request.Text ?? string.Empty,
                corrected.SiteId is { } site ? new SiteId(site) : null, actor.Id, actor.DisplayName, request.References ?? string.Empty, corrected.Id),
            cancellationToken).ConfigureAwait(false);
        return LogbookEntryDto.From(entry);
    }

    private async Task EnsureSiteExistsAsync(SiteId site, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        if (await db.Sites.FindAsync([site], cancellationToken).ConfigureAwait(false) is null)
        {
            throw new DomainException("site.unknown", "This site does not exist.", nameof(NewLogbookEntry.SiteId));
        }
    }
}
