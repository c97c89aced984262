using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Storage.Database;

namespace Vigie.Server.Security;

/// <summary>
/// The server-side record of sessions (<see cref="SignInSession"/>): a cookie is good only while its
/// session is open, so signing out, a changed password, role or sites, a disabled account or an expired
/// card end it at once, on this request's next one and on open hub connections (<see cref="Ended"/>).
/// </summary>
public sealed class SessionStore(VigieDbFactory dbFactory, TimeProvider time, ILogger<SessionStore> logger)
{
    /// <summary>One shift: a session ends 12 hours after sign-in, whatever the activity (the cookie's lifetime too).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>Sessions ended: the person's, or one session when <see cref="SessionsEnded.Session"/> is set.</summary>
    public event Action<SessionsEnded>? Ended;

    /// <summary>Opens a session for a person who has just proved who they are; returns the cookie's principal.</summary>
    public async Task<ClaimsPrincipal> StartAsync(Person person, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var session = new SignInSession(new Guid(RandomNumberGenerator.GetBytes(16)), person.Id, time.GetUtcNow(), Lifetime, address);
        await using var db = dbFactory.CreateDbContext();
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return VigieClaims.For(person, session.Id);
    }

    /// <summary>The session when it is open now; null when it ended, expired or never existed.</summary>
    public async Task<SignInSession?> FindOpenAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return session is not null && session.IsOpenAt(time.GetUtcNow()) ? session : null;
    }

    /// <summary>Ends one session (sign-out).</summary>
    public async Task EndAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (session is not null && session.End(time.GetUtcNow(), reason))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        Ended?.Invoke(new SessionsEnded(session?.PersonId, id, reason));
    }

    /// <summary>Ends every open session of a person (password, role or sites changed, account disabled).</summary>
    public async Task EndAllAsync(PersonId person, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = dbFactory.CreateDbContext();
        var open = await db.Sessions.Where(s => s.PersonId == person && s.EndedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in open)
        {
            session.End(now, reason);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (open.Count > 0)
        {
            SecurityLog.SessionsEnded(logger, open.Count, reason);
        }

        Ended?.Invoke(new SessionsEnded(person, null, reason));
    }
}

/// <summary>What <see cref="SessionStore.Ended"/> reports: a person's sessions, or one of them.</summary>
public sealed record SessionsEnded(PersonId? Person, Guid? Session, string Reason)
{
    public bool Covers(PersonId person, Guid session) => Session is { } one ? one == session : Person == person;
}
