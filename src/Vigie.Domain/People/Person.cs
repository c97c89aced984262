namespace Vigie.Domain.People;

/// <summary>
/// Someone who signs in to Vigie. Holds the role, the sites the person may see, the CNAPS card and the
/// sign-in state (password hash, failed attempts, lockout). The password hash is computed by the host
/// with a vetted algorithm; the domain only stores it.
/// </summary>
public sealed class Person
{
    private readonly List<PersonSite> _sites = [];

    private Person()
    {
        UserName = string.Empty;
        DisplayName = string.Empty;
        CardNumber = string.Empty;
        PasswordHash = string.Empty;
        SecurityStamp = string.Empty;
    }

    public Person(PersonId id, string userName, string displayName, Role role)
    {
        Id = id;
        UserName = NormaliseUserName(userName);
        DisplayName = Guard.Text(displayName, nameof(DisplayName), "person.display_name_required");
        Role = role;
        CardNumber = string.Empty;
        PasswordHash = string.Empty;
        IsActive = true;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public PersonId Id { get; private set; }

    /// <summary>Sign-in name, lower-case, unique.</summary>
    public string UserName { get; private set; }

    public string DisplayName { get; private set; }

    public Role Role { get; private set; }

    /// <summary>CNAPS professional card number; empty when none.</summary>
    public string CardNumber { get; private set; }

    public DateOnly? CardExpiry { get; private set; }

    public string PasswordHash { get; private set; }

    /// <summary>Kept for the schema: failed tries are counted by the host's sign-in throttle since automatic locks were dropped.</summary>
    public int FailedSignIns { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Changes whenever the password, role or sites change, so that open sessions are re-checked and dropped.</summary>
    public string SecurityStamp { get; private set; }

    public IReadOnlyList<PersonSite> Sites => _sites;

    public IEnumerable<SiteId> SiteIds => _sites.Select(s => s.SiteId);

    public static string NormaliseUserName(string? userName)
    {
        var value = userName?.Trim().ToLowerInvariant() ?? string.Empty;
        if (value.Length is < 2 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new DomainException("person.user_name_invalid", "The user name must be 2 to 64 letters, digits, '.', '-' or '_'.", nameof(UserName));
        }

        return value;
    }

    public void Update(string displayName, Role role, bool isActive)
    {
        DisplayName = Guard.Text(displayName, nameof(DisplayName), "person.display_name_required");
        if (role != Role || isActive != IsActive)
        {
            RenewStamp();
        }

        Role = role;
        IsActive = isActive;
    }

    /// <summary>
    /// When the account stops working by itself (authority accounts: police, gendarmerie, at most
    /// <see cref="MaxAuthorityAccess"/> ahead); null for the centre's staff.
    /// </summary>
    public DateTimeOffset? AccessExpiresAt { get; private set; }

    public static readonly TimeSpan MaxAuthorityAccess = TimeSpan.FromDays(90);

    public bool AccessExpiredAt(DateTimeOffset now) => AccessExpiresAt is { } end && now >= end;

    /// <summary>An authority account's end: after <paramref name="now"/>, at most <see cref="MaxAuthorityAccess"/> ahead.</summary>
    public void SetAccessExpiry(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (expiresAt <= now || expiresAt - now > MaxAuthorityAccess)
        {
            throw new DomainException("person.access_expiry_invalid", $"An authority account ends in the future, within {MaxAuthorityAccess.TotalDays:0} days.", nameof(AccessExpiresAt));
        }

        AccessExpiresAt = expiresAt;
    }

    public void SetCard(string cardNumber, DateOnly? expiry)
    {
        cardNumber = cardNumber?.Trim() ?? string.Empty;
        if (cardNumber.Length > 0 && expiry is null)
        {
            throw new DomainException("person.card_expiry_required", "A professional card needs its expiry date.", nameof(CardExpiry));
        }

        if (cardNumber.Length == 0 && expiry is not null)
        {
            throw new DomainException("person.card_number_required", "The card expiry needs the card number.", nameof(CardNumber));
        }

        if (cardNumber.Length > 0 && (cardNumber.Length > 40 || !cardNumber.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ')))
        {
            throw new DomainException("person.card_number_invalid", "The card number may hold letters, digits, '-' and spaces (40 at most).", nameof(CardNumber));
        }

        CardNumber = cardNumber;
        CardExpiry = expiry;
    }

    public CardStatus CardStatusOn(DateOnly today) => ProfessionalCard.Evaluate(Role, CardNumber, CardExpiry, today);

    public void AssignSites(IEnumerable<SiteId> siteIds)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var wanted = siteIds.Distinct().ToList();
        if (wanted.Count == _sites.Count && wanted.All(id => _sites.Any(s => s.SiteId == id)))
        {
            return;
        }

        _sites.Clear();
        _sites.AddRange(wanted.Select(id => new PersonSite(Id, id)));
        RenewStamp();
    }

    public void SetPasswordHash(string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        PasswordHash = hash;
        FailedSignIns = 0;
        LockedUntil = null;
        RenewStamp();
    }

    public void RecordSuccessfulSignIn()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }

    public void Unlock()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }

    private void RenewStamp() => SecurityStamp = Guid.NewGuid().ToString("N");
}
