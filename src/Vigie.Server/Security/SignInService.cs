using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Audit;
using Vigie.Storage.Database;

namespace Vigie.Server.Security;

/// <summary>
/// Checks credentials and the professional card, and writes every try to the audit journal. Each try is
/// first admitted by <see cref="SignInThrottle"/> (refused tries are not checked at all, and a burst of them
/// is audited once). The card is checked only after the password, so the card state is never told to a stranger.
/// </summary>
public sealed class SignInService(VigieDbFactory dbFactory, PasswordService passwords, SignInThrottle throttle, AuditLog audit, TimeProvider time, ILogger<SignInService> logger)
{
    public async Task<SignInResult> SignInAsync(string? userName, string? password, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        var name = (userName ?? string.Empty).Trim().ToLowerInvariant();
        password ??= string.Empty;
        var from = string.IsNullOrEmpty(remoteAddress) ? string.Empty : $" from {remoteAddress}";
        if (throttle.Admit(name, remoteAddress ?? string.Empty, out var burstStarted) is { } wait)
        {
            SecurityLog.Throttled(logger, Truncate(name), remoteAddress ?? "?", wait);
            if (burstStarted)
            {
                await audit.WriteAsync(AuditCategory.Lockout, $"Sign-in tries for '{Truncate(name)}'{from} slowed down after repeated failures: the next one is checked in {Math.Ceiling(wait.TotalSeconds)} s, tries until then are refused unchecked",
                    null, "anonymous", cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return new SignInResult(SignInOutcome.Throttled, RetryAfter: wait);
        }

        await using var db = dbFactory.CreateDbContext();
        var person = name.Length == 0 ? null : await db.People.FirstOrDefaultAsync(p => p.UserName == name, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            passwords.SpendDecoyTime(password);
            return await RefuseAsync(name, SignInOutcome.InvalidCredentials, $"Failed sign-in for unknown user name '{Truncate(name)}'{from}", null, cancellationToken).ConfigureAwait(false);
        }

        if (!person.IsActive || person.AccessExpiredAt(time.GetUtcNow()))
        {
            return await RefuseAsync(name, SignInOutcome.Inactive, $"Sign-in refused for {person.UserName}{from}: account {(person.IsActive ? $"expired on {person.AccessExpiresAt:yyyy-MM-dd HH:mm} UTC" : "disabled")}", person, cancellationToken).ConfigureAwait(false);
        }

        if (!passwords.Verify(person, password, out var needsRehash))
        {
            return await RefuseAsync(name, SignInOutcome.InvalidCredentials, $"Failed sign-in for {person.UserName}{from}: wrong password", person, cancellationToken).ConfigureAwait(false);
        }

        var card = person.CardStatusOn(ParisClock.Today(time));
        if (card is CardStatus.Expired or CardStatus.Missing)
        {
            var outcome = card == CardStatus.Expired ? SignInOutcome.CardExpired : SignInOutcome.CardMissing;
            return await RefuseAsync(name, outcome, $"Sign-in refused for {person.UserName}{from}: professional card {(card == CardStatus.Expired ? $"expired on {person.CardExpiry:yyyy-MM-dd}" : "missing")}", person, cancellationToken).ConfigureAwait(false)
                with { CardExpiry = person.CardExpiry };
        }

        throttle.Succeeded(name, remoteAddress ?? string.Empty);
        person.RecordSuccessfulSignIn();
        if (needsRehash)
        {
            person.SetPasswordHash(passwords.Hash(person, password));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        SecurityLog.SignedIn(logger, person.UserName);
        await audit.WriteAsync(AuditCategory.SignIn, $"{person.UserName} signed in{from}", person.Id, person.UserName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Success, person, person.CardExpiry);
    }

    private async Task<SignInResult> RefuseAsync(string userName, SignInOutcome outcome, string auditText, Person? person, CancellationToken cancellationToken)
    {
        SecurityLog.SignInRefused(logger, Truncate(userName), outcome);
        await audit.WriteAsync(AuditCategory.SignInFailed, auditText, person?.Id, person?.UserName ?? "anonymous", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SignInResult(outcome);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];
}
