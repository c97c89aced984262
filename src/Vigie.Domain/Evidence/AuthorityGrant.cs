namespace Vigie.Domain.Evidence;

/// <summary>
/// An evidence package made available to an authority account: the account downloads and verifies that package (by its
/// extraction-register number) and nothing else, until the account expires.
/// </summary>
public sealed class AuthorityGrant
{
    private AuthorityGrant()
    {
        GrantedBy = string.Empty;
    }

    public AuthorityGrant(PersonId personId, long registerNumber, string grantedBy, DateTimeOffset grantedAt)
    {
        PersonId = personId;
        RegisterNumber = registerNumber;
        GrantedBy = grantedBy;
        GrantedAt = grantedAt;
    }

    public PersonId PersonId { get; private set; }

    public long RegisterNumber { get; private set; }

    public string GrantedBy { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }
}
