using System.Security.Claims;
using Vigie.Domain;
using Vigie.Domain.People;

namespace Vigie.Server.Security;

/// <summary>The claims of a Vigie session cookie. Role and sites are re-read from storage on every request.</summary>
public static class VigieClaims
{
    public const string SecurityStamp = "vigie:stamp";
    public const string Session = "vigie:session";
    public const string DisplayName = "vigie:display";
    public const string Scheme = "vigie";

    /// <summary>The principal of a session (<see cref="SessionStore.StartAsync"/> opens it).</summary>
    public static ClaimsPrincipal For(Person person, Guid session)
    {
        ArgumentNullException.ThrowIfNull(person);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, person.Id.Value.ToString()),
                new Claim(ClaimTypes.Name, person.UserName),
                new Claim(DisplayName, person.DisplayName),
                new Claim(ClaimTypes.Role, person.Role.ToString()),
                new Claim(SecurityStamp, person.SecurityStamp),
                new Claim(Session, session.ToString("N")),
            ],
            Scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    public static Guid? SessionIdOf(ClaimsPrincipal? user) =>
        Guid.TryParseExact(user?.FindFirstValue(Session), "N", out var id) ? id : null;

    public static PersonId? PersonIdOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? new PersonId(id) : null;
}
