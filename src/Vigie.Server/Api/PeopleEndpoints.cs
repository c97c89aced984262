using Vigie.Domain;
using Vigie.Server.Features.People;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

public static class PeopleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var people = api.MapGroup("/people").RequireAuthorization(Policies.PeopleAdminister);

        people.MapGet("/", async (CurrentActor me, PeopleService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(me, ct).ConfigureAwait(false)));

        people.MapPost("/", async (PersonInput input, CurrentActor me, PeopleService service, CancellationToken ct) =>
        {
            var person = await service.SaveAsync(me, null, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/people/{person.Id}", person);
        });

        people.MapPut("/{id:guid}", async (Guid id, PersonInput input, CurrentActor me, PeopleService service, CancellationToken ct) =>
            TypedResults.Ok(await service.SaveAsync(me, new PersonId(id), input, ct).ConfigureAwait(false)));

        people.MapPost("/{id:guid}/unlock", async (Guid id, CurrentActor me, PeopleService service, CancellationToken ct) =>
        {
            await service.UnlockAsync(me, new PersonId(id), ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        });
    }
}
