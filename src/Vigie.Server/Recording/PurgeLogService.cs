using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Recordings;
using Vigie.Server.Api;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>
/// The purge log as auditors read it (CSI L252-5: images go when their period ends): what went, when and why, one row
/// per camera, reason and pass — the segments of one pass are summed (their count, bytes and the recorded range they
/// covered). Rows name cameras since removed too. Auditors and administrators see every site.
/// </summary>
public sealed class PurgeLogService(VigieDbFactory dbFactory)
{
    public const int MaxRows = 2000;

    /// <summary>One pass's purge of one camera for one reason.</summary>
    public sealed record PurgeDto(DateTimeOffset PurgedAt, Guid CameraId, string Camera, string? Site, string Reason, int Segments, long Bytes, DateTimeOffset RecordedFrom, DateTimeOffset RecordedTo);

    public async Task<IReadOnlyList<PurgeDto>> ListAsync(Actor actor, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AuditRead);
        await using var db = dbFactory.CreateDbContext();
        var query = db.PurgeLog.AsNoTracking();
        if (from is { } start)
        {
            query = query.Where(p => p.PurgedAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(p => p.PurgedAt < end);
        }

        var rows = await query
            .GroupBy(p => new { p.PurgedAt, p.CameraId, p.Reason })
            .Select(g => new { g.Key.PurgedAt, g.Key.CameraId, g.Key.Reason, Segments = g.Count(), Bytes = g.Sum(p => p.Bytes), From = g.Min(p => p.SegmentStart), To = g.Max(p => p.SegmentEnd) })
            .OrderByDescending(g => g.PurgedAt)
            .Take(MaxRows)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.CameraId).Distinct().ToList();
        var cameras = await db.Cameras.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Join(db.Sites.AsNoTracking(), c => c.SiteId, s => s.Id, (c, s) => new { c.Id, c.Name, Site = s.Name })
            .ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new PurgeDto(r.PurgedAt, r.CameraId.Value, cameras.TryGetValue(r.CameraId, out var c) ? c.Name : $"(caméra supprimée {r.CameraId.Value:D})",
            c?.Site, ReasonName(r.Reason), r.Segments, r.Bytes, r.From, r.To))];
    }

    public static string Csv(IEnumerable<PurgeDto> rows) =>
        CsvText.Table("purged_at_utc,camera,site,reason,segments,bytes,recorded_from_utc,recorded_to_utc",
            rows.Select(r => new[] { CsvText.Instant(r.PurgedAt), r.Camera, r.Site, r.Reason, CsvText.Number(r.Segments), CsvText.Number(r.Bytes), CsvText.Instant(r.RecordedFrom), CsvText.Instant(r.RecordedTo) }));

    /// <summary>The reason's stable name in the API and the CSV: <c>retention</c> (period over) or <c>low-disk</c>.</summary>
    public static string ReasonName(PurgeReason reason) => reason switch
    {
        PurgeReason.RetentionExpired => "retention",
        PurgeReason.LowDiskSpace => "low-disk",
        _ => reason.ToString(),
    };
}
