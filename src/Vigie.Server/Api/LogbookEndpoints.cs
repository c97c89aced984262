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

        api.MapGet("/logbook", async (HttpContext http, ActorResolver actors, LogbookService logbook,
            [FromQuery] Guid? siteId, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
            [FromQuery] string? category, [FromQuery] string? author, [FromQuery] int? limit, [FromQuery] long? beforeId) =>
        {
            var actor = await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
            var filter = new LogbookFilter(siteId, from, to, category, author, limit ?? 200, beforeId);
            return TypedResults.Ok(await logbook.ListAsync(actor, Journal.MainCourante, filter, http.RequestAborted).ConfigureAwait(false));
        }).RequireAuthorization(Policies.LogbookRead);

        api.MapGet("/logbook/{id:long}", async (long id, HttpContext http, ActorResolver actors, LogbookService logbook) =>
        {
            var actor = await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(await logbook.GetAsync(actor, id, http.RequestAborted).ConfigureAwait(false));
        }).RequireAuthorization(Policies.LogbookRead);

        api.MapPost("/logbook", async (NewLogbookEntry request, HttpContext http, ActorResolver actors, LogbookService logbook) =>
        {
            var actor = await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
            var entry = await logbook.AddAsync(actor, request, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/api/logbook/{entry.Id}", entry);
        }).RequireAuthorization(Policies.LogbookWrite);

        api.MapPost("/logbook/{id:long}/corrections", async (long id, LogbookCorrection request, HttpContext http, ActorResolver actors, LogbookService logbook) =>
        {
            var actor = await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
            var entry = await logbook.CorrectAsync(actor, id, request, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/api/logbook/{entry.Id}", entry);
        }).RequireAuthorization(Policies.LogbookWrite);

        api.MapGet("/audit", async (HttpContext http, ActorResolver actors, LogbookService logbook,
            [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? category, [FromQuery] string? author, [FromQuery] int? limit, [FromQuery] long? beforeId) =>
        {
            var actor = await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
            var filter = new LogbookFilter(null, from, to, category, author, limit ?? 200, beforeId);
            return TypedResults.Ok(await logbook.ListAsync(actor, Journal.Audit, filter, http.RequestAborted).ConfigureAwait(false));
        }).RequireAuthorization(Policies.AuditRead);
    }
}
