using Microsoft.AspNetCore.Mvc;
using Vigie.Server.Api;
using Vigie.Server.Security;

namespace Vigie.Server.Features.Audit;

/// <summary>The audit views for auditors and administrators: entries by kind and the viewing sessions, as JSON and CSV (docs/compliance.md).</summary>
public static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        // kind (sign-in, viewing, export, mask, administration) or category; person (or author): words of the name; newest first, by pages (limit, beforeId).
        api.MapGet("/audit", async ([FromQuery] string? kind, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? person, [FromQuery] string? author,
            [FromQuery] string? category, [FromQuery] int? limit, [FromQuery] long? beforeId, CurrentActor me, AuditViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.EntriesAsync(me, new AuditViews.AuditFilter(kind, from, to, person ?? author, category, limit ?? 200, beforeId), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AuditRead);

        api.MapGet("/audit.csv", async ([FromQuery] string? kind, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? person, CurrentActor me, AuditViews views, CancellationToken ct) =>
            TypedResults.File(CsvText.Bytes(AuditViews.EntriesCsv(await views.EntriesAsync(me, new AuditViews.AuditFilter(kind, from, to, person), ct).ConfigureAwait(false))),
                "text/csv; charset=utf-8", "journal-d-audit.csv"))
            .RequireAuthorization(Policies.AuditRead);

        api.MapGet("/audit/viewing", async ([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? person, CurrentActor me, AuditViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.ViewingAsync(me, new AuditViews.AuditFilter(null, from, to, person), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AuditRead);

        api.MapGet("/audit/viewing.csv", async ([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? person, CurrentActor me, AuditViews views, CancellationToken ct) =>
            TypedResults.File(CsvText.Bytes(AuditViews.ViewingCsv(await views.ViewingAsync(me, new AuditViews.AuditFilter(null, from, to, person), ct).ConfigureAwait(false))),
                "text/csv; charset=utf-8", "visionnages.csv"))
            .RequireAuthorization(Policies.AuditRead);
    }
}
