using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Audit;
using Vigie.Storage.Database;

namespace Vigie.Server.Security;

/// <summary>
/// First-administrator setup without any default password: a one-time link, printed on the server's
/// console, creates the first administrator; it dies once used or after 24 hours.
/// </summary>
public sealed class SetupService(VigieDbFactory dbFactory, PasswordService passwords, AuditLog audit, TimeProvider time, ILogger<SetupService> logger)
{
    public const string SetupPath = "/setup";

    /// <summary>Whether an active administrator exists; when none does, the host prints a setup link.</summary>
    public async Task<bool> HasAdministratorAsync(CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.People.AnyAsync(p => p.Role == Role.Administrator && p.IsActive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a link and returns it; the secret exists only in this return value.</summary>
    public async Task<SetupLink> CreateLinkAsync(string baseUrl, string createdBy, CancellationToken cancellationToken = default)
    {
        var (token, secret) = SetupToken.Create(time.GetUtcNow());
        await using (var db = dbFactory.CreateDbContext())
        {
            db.SetupTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        SecurityLog.SetupLinkCreated(logger, token.ExpiresAt);
        await audit.WriteAsync(AuditCategory.SetupLinkCreated, $"Setup link created by {createdBy}, valid until {token.ExpiresAt:O}", null, createdBy, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SetupLink($"{baseUrl.TrimEnd('/')}{SetupPath}?token={secret}", token.ExpiresAt);
    }

    public async Task<bool> IsUsableAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var hash = SetupToken.HashSecret(secret);
        await using var db = dbFactory.CreateDbContext();
        var token = await db.SetupTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash, cancellationToken).ConfigureAwait(false);
        return token is not null && token.IsUsable(time.GetUtcNow());
    }

    /// <summary>Creates an administrator and burns the link, in one transaction.</summary>
    public async Task<Person> RedeemAsync(string? secret, string userName, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var hash = SetupToken.HashSecret(secret ?? string.Empty);
        await using var db = dbFactory.CreateDbContext();
        var token = await db.SetupTokens.FirstOrDefaultAsync(t => t.SecretHash == hash, cancellationToken).ConfigureAwait(false);
        if (token is null || !token.IsUsable(now))
        {
            SecurityLog.SetupRefused(logger, token is null ? "unknown link" : "used or expired link");
            throw new DomainException("setup.link_unusable", "This setup link has already been used or has expired. Create a new one with `vigie admin create-setup-link`.");
        }

        var person = new Person(PersonId.New(), userName, displayName, Role.Administrator);
        PasswordRules.Check(password, person.UserName);
        if (await db.People.AnyAsync(p => p.UserName == person.UserName, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("person.user_name_taken", "This user name is already taken.", nameof(Person.UserName));
        }

        person.SetPasswordHash(passwords.Hash(person, password));
        token.MarkUsed(now);
        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("setup.link_unusable", "This setup link has just been used.");
        }

        SecurityLog.SetupCompleted(logger, person.UserName);
        await audit.WriteAsync(AuditCategory.SetupCompleted, $"Administrator {person.UserName} created through the setup link", person.Id, person.UserName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return person;
    }
}
