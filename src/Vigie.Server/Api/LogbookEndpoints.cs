using Microsoft.AspNetCore.Mvc;
using Vigie.Domain.Logbook;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Security;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Api;

public static class LogbookEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/logbook", async (CurrentActor me, LogbookService logbook, CancellationToken ct,
            [FromQuery] Guid? siteId, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
            [FromQuery] string? category, [FromQuery] string? author, [FromQuery] int? limit, [FromQuery] long? beforeId) =>
        {
            var filter = new LogbookFilter(siteId, from, to, category, author, limit ?? 200, beforeId);
            return TypedResults.Ok(await logbook.ListAsync(me, Journal.MainCourante, filter, ct).ConfigureAwait(false));
        }).RequireAuthorization(Policies.LogbookRead);

        api.MapGet("/logbook/{id:long}", async (long id, CurrentActor me, LogbookService logbook, CancellationToken ct) =>
        {
            return TypedResults.Ok(await logbook.GetAsync(me, id, ct).ConfigureAwait(false));
        }).RequireAuthorization(Policies.LogbookRead);

        api.MapPost("/logbook", async (NewLogbookEntry request, CurrentActor me, LogbookService logbook, CancellationToken ct) =>
        {
            var entry = await logbook.AddAsync(me, request, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/logbook/{entry.Id}", entry);
        }).RequireAuthorization(Policies.LogbookWrite);

        // A new entry with a snapshot of a camera attached (live, or the frame recorded at "at").
        api.MapPost("/logbook/snapshot", async (NewSnapshotEntry request, CurrentActor me, LogbookAttachmentService attachments, CancellationToken ct) =>
        {
            var entry = await attachments.AddSnapshotEntryAsync(me, request, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/logbook/{entry.Id}", entry);
        }).RequireAuthorization(Policies.VideoView);

        api.MapGet("/logbook/{id:long}/attachment", async (long id, CurrentActor me, LogbookAttachmentService attachments, CancellationToken ct) =>
        {
            var attachment = await attachments.GetAsync(me, id, ct).ConfigureAwait(false);
            return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
        }).RequireAuthorization(Policies.LogbookRead);

        api.MapPost("/logbook/{id:long}/corrections", async (long id, LogbookCorrection request, CurrentActor me, LogbookService logbook, CancellationToken ct) =>
        {
            var entry = await logbook.CorrectAsync(me, id, request, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/logbook/{entry.Id}", entry);
        }).RequireAuthorization(Policies.LogbookWrite);

        // The audit journal (GET /api/audit) is served with its views by Features/Audit/AuditEndpoints.
    }
}
