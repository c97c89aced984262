using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Access;
using Vigie.Domain.People;
using Vigie.Storage.Database;

namespace Vigie.Server.Security;

/// <summary>
/// Turns a signed-in principal into an <see cref="Actor"/> by reading the person from storage: role and
/// sites come from the database at each call, never from what the client sent.
/// </summary>
public sealed class ActorResolver(VigieDbFactory dbFactory)
{
    public async Task<Actor> GetAsync(ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var id = VigieClaims.PersonIdOf(user) ?? throw new AccessDeniedException("Not signed in.");
        await using var db = dbFactory.CreateDbContext();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        if (person is null || !person.IsActive)
        {
            throw new AccessDeniedException("This account no longer exists or is disabled.");
        }

        return ToActor(person);
    }

    public static Actor ToActor(Person person) =>
        new(person.Id, person.UserName, person.DisplayName, person.Role, person.SiteIds.ToHashSet());
}
