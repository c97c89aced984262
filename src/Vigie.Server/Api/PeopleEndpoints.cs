using Vigie.Domain;
using Vigie.Server.Features.People;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

public static class PeopleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/people", async (HttpContext http, ActorResolver actors, PeopleService people) =>
            TypedResults.Ok(await people.ListAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.PeopleAdminister);

        api.MapPost("/people", async (PersonInput input, HttpContext http, ActorResolver actors, PeopleService people) =>
        {
            var person = await people.SaveAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), null, input, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/api/people/{person.Id}", person);
        }).RequireAuthorization(Policies.PeopleAdminister);

        api.MapPut("/people/{id:guid}", async (Guid id, PersonInput input, HttpContext http, ActorResolver actors, PeopleService people) =>
            TypedResults.Ok(await people.SaveAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), new PersonId(id), input, http.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(Policies.PeopleAdminister);

        api.MapPost("/people/{id:guid}/unlock", async (Guid id, HttpContext http, ActorResolver actors, PeopleService people) =>
        {
            await people.UnlockAsync(await actors.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false), new PersonId(id), http.RequestAborted).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.PeopleAdminister);
    }
}
