using Vigie.Domain.People;

namespace Vigie.Server.Features.People;

public sealed record PersonDto(
    Guid Id,
    string UserName,
    string DisplayName,
    Role Role,
    string CardNumber,
    DateOnly? CardExpiry,
    CardStatus CardStatus,
    IReadOnlyList<Guid> SiteIds,
    bool IsActive,
    DateTimeOffset? ThrottledUntil)
{
    /// <param name="throttledUntil">Until when sign-in tries for this account wait after repeated failures (<see cref="Security.SignInThrottle"/>), if they do.</param>
    public static PersonDto From(Person person, DateOnly today, DateTimeOffset? throttledUntil = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Id.Value, person.UserName, person.DisplayName, person.Role, person.CardNumber, person.CardExpiry,
            person.CardStatusOn(today), person.SiteIds.Select(s => s.Value).ToList(), person.IsActive, throttledUntil);
    }
}
