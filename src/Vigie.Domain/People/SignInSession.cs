namespace Vigie.Domain.People;

/// <summary>
/// One signed-in session, kept server-side so that it can end before its cookie does: sign-out, a changed
/// password, role or sites, a disabled account or an expired card end it, and the next request or hub call
/// carrying its cookie is refused. The cookie holds only <see cref="Id"/> (random, 128 bits) and the
/// person's security stamp.
/// </summary>
public sealed class SignInSession
{
    private SignInSession()
    {
        Address = string.Empty;
    }

    public SignInSession(Guid id, PersonId personId, DateTimeOffset startedAt, TimeSpan lifetime, string? address)
    {
        Id = id;
        PersonId = personId;
        StartedAt = startedAt;
        ExpiresAt = startedAt + lifetime;
        Address = address is { Length: > 64 } ? address[..64] : address ?? string.Empty;
    }

    public Guid Id { get; private set; }

    public PersonId PersonId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The end of its shift: the cookie's own expiry, checked here too.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The address it signed in from (empty when unknown).</summary>
    public string Address { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why it ended: signed out, password changed, account disabled...</summary>
    public string? EndReason { get; private set; }

    public bool IsOpenAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    /// <summary>Ends the session; a session already ended keeps its first end.</summary>
    public bool End(DateTimeOffset at, string reason)
    {
        if (EndedAt is not null)
        {
            return false;
        }

        EndedAt = at;
        EndReason = reason.Length > 200 ? reason[..200] : reason;
        return true;
    }
}
