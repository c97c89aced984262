using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Audit;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.People;

/// <summary>Administration of people: roles, sites, professional cards, passwords. Every change is audited.</summary>
public sealed class PeopleService(VigieDbFactory dbFactory, PasswordService passwords, SessionStore sessions, SignInThrottle throttle, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<PersonDto>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PeopleAdminister);
        await using var db = dbFactory.CreateDbContext();
        var people = await db.People.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var today = ParisClock.Today(time);
        return people.Select(p => PersonDto.From(p, today, throttle.WaitUntil(p.UserName))).ToList();
    }

    /// <summary>The signed-in person's own profile (any role).</summary>
    public async Task<PersonDto> GetSelfAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = dbFactory.CreateDbContext();
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == actor.Id, cancellationToken).ConfigureAwait(false);
        return PersonDto.From(person, ParisClock.Today(time));
    }

    public async Task<PersonDto> SaveAsync(Actor actor, PersonId? id, PersonInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.PeopleAdminister);
        if (!Enum.IsDefined(input.Role))
        {
            throw new DomainException("person.role_invalid", "Unknown role.", nameof(PersonInput.Role));
        }

        if (input.Role == Role.AuthorityRecipient && id is null)
        {
            // Their accounts end by themselves and see only their packages: opened where both are set.
            throw new DomainException("person.authority_elsewhere", "Authority accounts are opened under \"Authority accounts\" (POST /api/authority-accounts), with their end and their packages.", nameof(PersonInput.Role));
        }

        await using var db = dbFactory.CreateDbContext();
        Person person;
        string? stampBefore = null;
        if (id is null)
        {
            person = new Person(PersonId.New(), input.UserName, input.DisplayName, input.Role);
            if (await db.People.AnyAsync(p => p.UserName == person.UserName, cancellationToken).ConfigureAwait(false))
            {
                throw new DomainException("person.user_name_taken", "This user name is already taken.", nameof(PersonInput.UserName));
            }

            if (string.IsNullOrEmpty(input.Password))
            {
                throw new DomainException("password.too_short", $"The password must have at least {PasswordRules.MinLength} characters.", nameof(PersonInput.Password));
            }

            db.People.Add(person);
        }
        else
        {
            person = await db.People.FirstOrDefaultAsync(p => p.Id == id.Value, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException("This person does not exist.");
            stampBefore = person.SecurityStamp;
            if (person.Id == actor.Id && (input.Role != Role.Administrator || !input.IsActive))
            {
                throw new DomainException("person.cannot_demote_self", "You cannot remove your own administrator role or disable yourself.", nameof(PersonInput.Role));
            }

            person.Update(input.DisplayName, input.Role, input.IsActive);
        }

        person.SetCard(input.CardNumber ?? string.Empty, input.CardExpiry);
        if (ProfessionalCard.IsRequiredFor(person.Role) && string.IsNullOrWhiteSpace(person.CardNumber))
        {
            throw new DomainException("person.card_required", "Operators and supervisors need a professional card (CNAPS) number and expiry.", nameof(PersonInput.CardNumber));
        }

        var siteIds = (input.SiteIds ?? []).Select(s => new SiteId(s)).Distinct().ToList();
        var known = await db.Sites.Where(s => siteIds.Contains(s.Id)).CountAsync(cancellationToken).ConfigureAwait(false);
        if (known != siteIds.Count)
        {
            throw new DomainException("site.unknown", "One of the chosen sites does not exist.", nameof(PersonInput.SiteIds));
        }

        person.AssignSites(siteIds);
        if (!string.IsNullOrEmpty(input.Password))
        {
            PasswordRules.Check(input.Password, person.UserName, nameof(PersonInput.Password));
            person.SetPasswordHash(passwords.Hash(person, input.Password));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (stampBefore is not null && stampBefore != person.SecurityStamp)
        {
            // Their rights changed: every open session (console, API, hub connections) ends now; they sign in again.
            await sessions.EndAllAsync(person.Id, $"password, role, sites or account state changed by {actor.UserName}", cancellationToken).ConfigureAwait(false);
        }

        await audit.WriteAsync(AuditCategory.PersonChanged,
            $"Person {person.UserName} {(id is null ? "created" : "updated")} by {actor.UserName}: role {person.Role}, {siteIds.Count} sites, card '{person.CardNumber}' until {person.CardExpiry:yyyy-MM-dd}, {(person.IsActive ? "active" : "disabled")}{(string.IsNullOrEmpty(input.Password) ? string.Empty : ", password set")}",
            actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return PersonDto.From(person, ParisClock.Today(time));
    }

    public async Task UnlockAsync(Actor actor, PersonId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PeopleAdminister);
        await using var db = dbFactory.CreateDbContext();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This person does not exist.");
        person.Unlock();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        throttle.Lift(person.UserName);
        await audit.WriteAsync(AuditCategory.PersonChanged, $"Account {person.UserName} unlocked by {actor.UserName}", actor, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
