using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Access;
using Vigie.Domain.Evidence;
using Vigie.Server.Api;
using Vigie.Server.Export;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Evidence;

/// <summary>An entry of the extraction register as the API and the console show it.</summary>
public sealed record ExtractionDto(
    long Number,
    Guid ExportId,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    string Cameras,
    DateTimeOffset From,
    DateTimeOffset To,
    string Reason,
    string? Authority,
    string? Requisition,
    string? Officer,
    string State,
    DateTimeOffset? FinishedAt,
    string? ManifestSha256,
    int Files,
    long Bytes,
    string? Failure)
{
    /// <summary>A judicial request, whose source ranges are held.</summary>
    public bool Judicial { get; init; }

    public static ExtractionDto Of(Extraction e) => new(e.Id, e.ExportId, e.RequestedAt, e.RequestedByName, e.CameraNames, e.From, e.To, e.Reason, e.Authority, e.Requisition, e.Officer,
        e.State.ToString().ToLowerInvariant(), e.FinishedAt, e.ManifestSha256, e.Files, e.Bytes, e.Failure)
    { Judicial = e.Judicial };
}

/// <summary>What an auditor filters the register by: the request's instant and any words of its text fields.</summary>
public sealed record ExtractionFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null);

/// <summary>
/// The extraction register: every export gets an entry when it starts (its number goes into the package's manifest)
/// and is completed with the SHA-256 of its signed manifest, or marked failed with why. Auditors and administrators
/// read it (filters, CSV); nobody edits or deletes it (the database refuses deletes).
/// </summary>
public sealed class ExtractionRegister(VigieDbFactory dbFactory, VigieHostOptions options)
{
    public const int MaxRows = 1000;

    public async Task<long> OpenAsync(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var db = dbFactory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var entry = new Extraction(job.Id, job.RequestedAt, job.Requester, job.RequesterName, [.. job.Cameras.Select(c => (c.Id, c.Name))], job.From, job.To, job.Reason,
                job.Authority, job.Requisition, job.Officer, job.Judicial);
            db.Extractions.Add(entry);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return entry.Id;
        }
    }

    public Task CompleteAsync(Guid exportId, string manifestSha256, int files, long bytes, CancellationToken cancellationToken) =>
        UpdateAsync(exportId, e => e.Complete(options.Time.GetUtcNow(), manifestSha256, files, bytes), cancellationToken);

    public Task FailAsync(Guid exportId, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(exportId, e => e.Fail(options.Time.GetUtcNow(), reason), cancellationToken);

    /// <summary>The entries matching <paramref name="filter"/>, newest first, at most <see cref="MaxRows"/>.</summary>
    public async Task<IReadOnlyList<ExtractionDto>> ListAsync(Actor actor, ExtractionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        actor.Demand(Permission.AuditRead);
        var db = dbFactory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var query = db.Extractions.AsNoTracking();
            if (filter.From is { } from)
            {
                query = query.Where(e => e.RequestedAt >= from);
            }

            if (filter.To is { } to)
            {
                query = query.Where(e => e.RequestedAt < to);
            }

            var rows = await query.OrderByDescending(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var words = (filter.Text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return [.. rows.Where(e => words.All(w => Text(e).Contains(w, StringComparison.OrdinalIgnoreCase))).Take(MaxRows).Select(ExtractionDto.Of)];
        }
    }

    /// <summary>The entries as CSV (<see cref="CsvText"/>), instants in UTC.</summary>
    public static string Csv(IEnumerable<ExtractionDto> rows) =>
        CsvText.Table("number,requested_at_utc,requested_by,cameras,from_utc,to_utc,judicial,authority,requisition,officer,reason,state,finished_at_utc,files,bytes,manifest_sha256,failure",
            rows.Select(r => new[]
            {
                CsvText.Number(r.Number), CsvText.Instant(r.RequestedAt), r.RequestedBy, r.Cameras, CsvText.Instant(r.From), CsvText.Instant(r.To), r.Judicial ? "yes" : "no",
                r.Authority, r.Requisition, r.Officer, r.Reason, r.State, CsvText.Instant(r.FinishedAt), CsvText.Number(r.Files), CsvText.Number(r.Bytes), r.ManifestSha256, r.Failure,
            }));

    private static string Text(Extraction e) => string.Join(' ', e.RequestedByName, e.CameraNames, e.Reason, e.Authority, e.Requisition, e.Officer, e.Id.ToString(CultureInfo.InvariantCulture));

    private async Task UpdateAsync(Guid exportId, Action<Extraction> change, CancellationToken cancellationToken)
    {
        var db = dbFactory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var entry = await db.Extractions.SingleAsync(e => e.ExportId == exportId, cancellationToken).ConfigureAwait(false);
            change(entry);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
