using System.Reflection;
using Vigie.Domain.Access;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>
/// The signed-in person of an API call, bound as an endpoint parameter: role and sites are read from
/// storage for the request (never from the client), so every handler starts from a trusted actor.
/// </summary>
public sealed record CurrentActor(Actor Actor)
{
    public static async ValueTask<CurrentActor?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actors = context.RequestServices.GetRequiredService<ActorResolver>();
        return new CurrentActor(await actors.GetAsync(context.User, context.RequestAborted).ConfigureAwait(false));
    }

    public static implicit operator Actor(CurrentActor current) => current?.Actor ?? throw new ArgumentNullException(nameof(current));

    public Actor ToActor() => Actor;
}
